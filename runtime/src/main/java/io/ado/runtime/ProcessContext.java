package io.ado.runtime;

import java.time.Duration;

/**
 * The running process as seen from inside its own callbacks: its ref, trap-exit switch,
 * links and monitors. Only valid on the process's own thread.
 */
public final class ProcessContext {
    private static final ThreadLocal<ProcessCell<?>> CURRENT = new ThreadLocal<>();

    private final ProcessCell<?> cell;

    private ProcessContext(ProcessCell<?> cell) { this.cell = cell; }

    static void bind(ProcessCell<?> cell) { CURRENT.set(cell); }

    static void unbind() { CURRENT.remove(); }

    static ProcessCell<?> currentCell() { return CURRENT.get(); }

    /** The calling process; throws when called outside a process. */
    public static ProcessContext current() {
        ProcessCell<?> c = CURRENT.get();
        if (c == null) throw new IllegalStateException("not inside a process");
        return new ProcessContext(c);
    }

    /** The calling process's ref, or null outside a process. */
    public static ProcessRef selfOrNull() {
        ProcessCell<?> c = CURRENT.get();
        return c == null ? null : c.ref;
    }

    public ProcessRef self() { return cell.ref; }

    public ProcessRuntime runtime() { return cell.runtime; }

    /** When on, exit signals from linked processes arrive as {@link ExitSignal} info messages. */
    public void trapExit(boolean on) { cell.trapExit = on; }

    public boolean trapsExit() { return cell.trapExit; }

    public void link(ProcessRef other) { cell.runtime.link(cell.ref, other); }

    public void unlink(ProcessRef other) { cell.runtime.unlink(cell.ref, other); }

    public MonitorRef monitor(ProcessRef target) { return cell.runtime.monitor(cell.ref, target); }

    public void demonitor(MonitorRef ref) { cell.runtime.demonitorFrom(cell.ref, ref); }

    /** Sends {@code msg} to this process's {@code handleInfo} after {@code delay} (periodic work re-arms it there). */
    public TimerRef sendAfter(Object msg, Duration delay) { return cell.runtime.sendAfter(cell.ref, msg, delay); }
}
