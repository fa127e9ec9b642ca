package io.ado.runtime;

/**
 * Why a process ended. Mirrors OTP exit reasons: {@code normal} and {@code shutdown} are
 * clean exits, everything else is abnormal and propagates through links.
 * Reasons are plain data (no Throwable on the wire): {@link Crash} keeps the error class
 * and message, and the local Throwable only as a transient convenience.
 */
public sealed interface ExitReason {

    /** The process finished its work. Linked partners that do not trap exits ignore it. */
    record Normal() implements ExitReason {
        @Override public String toString() { return "normal"; }
    }

    /** Orderly shutdown, e.g. by a supervisor. Not a crash; {@code detail} may be empty. */
    record Shutdown(String detail) implements ExitReason {
        public Shutdown { detail = detail == null ? "" : detail; }
        @Override public String toString() { return detail.isEmpty() ? "shutdown" : "shutdown:" + detail; }
    }

    /** Brutally killed: cannot be trapped. */
    record Killed() implements ExitReason {
        @Override public String toString() { return "killed"; }
    }

    /** The target did not exist (already dead or never started). */
    record NoProc() implements ExitReason {
        @Override public String toString() { return "noproc"; }
    }

    /** The node that hosted the process became unreachable. */
    record NoConnection() implements ExitReason {
        @Override public String toString() { return "noconnection"; }
    }

    /** A callback threw, or returned something the loop does not accept. */
    record Crash(String errorClass, String message, Throwable cause) implements ExitReason {
        public Crash { message = message == null ? "" : message; }
        public static Crash of(Throwable t) { return new Crash(t.getClass().getName(), String.valueOf(t.getMessage()), t); }
        @Override public String toString() { return "crash(" + errorClass + ": " + message + ")"; }
        @Override public boolean equals(Object o) {
            return o instanceof Crash c && c.errorClass.equals(errorClass) && c.message.equals(message);
        }
        @Override public int hashCode() { return errorClass.hashCode() * 31 + message.hashCode(); }
    }

    /** Any other application-chosen reason, e.g. {@code Stop("bad_input")}. Abnormal. */
    record Custom(String reason) implements ExitReason {
        @Override public String toString() { return reason; }
    }

    ExitReason NORMAL = new Normal();
    ExitReason SHUTDOWN = new Shutdown("");
    ExitReason KILLED = new Killed();
    ExitReason NOPROC = new NoProc();
    ExitReason NOCONNECTION = new NoConnection();

    /** normal and shutdown are clean; everything else crashes linked partners. */
    default boolean isAbnormal() {
        return !(this instanceof Normal || this instanceof Shutdown);
    }

    static ExitReason custom(String reason) { return new Custom(reason); }
}
