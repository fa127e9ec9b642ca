package io.ado.runtime;

import java.time.Duration;

/**
 * Ending processes: {@code stop} (terminate runs), {@code kill} (it does not), exit signals as
 * {@code erlang:exit/2} sends them, and waiting for an exit. A remote target goes to the
 * {@link RemoteRouter}, which carries it out or says it cannot; nothing is silently dropped.
 */
final class Signals {
    private final ProcessTable table;

    Signals(ProcessTable table) { this.table = table; }

    boolean stop(ProcessRef target, ExitReason reason, Duration timeout) {
        return switch (table.route(target)) {
            case Route.Local l -> {
                ProcessCell<?> cell = l.cell();
                if (cell == null) yield false;
                if (ProcessContext.currentCell() == cell) {
                    throw new IllegalStateException("a process cannot stop itself synchronously; return Result.stop");
                }
                ReplySlot done = new ReplySlot(ProcessContext.selfOrNull());
                cell.mailbox.put(new Envelope.StopRequest(reason, done));
                if (cell.isDead()) cell.drainMailbox();
                done.await(timeout, target);
                awaitExit(target, timeout);
                yield true;
            }
            case Route.Remote r -> r.require().stop(target, reason, timeout);
        };
    }

    void kill(ProcessRef target) {
        switch (table.route(target)) {
            case Route.Local l -> { if (l.cell() != null) killNow(l.cell(), ExitReason.KILLED); }
            case Route.Remote r -> r.require().kill(target);
        }
    }

    void exit(ProcessRef target, ProcessRef from, ExitReason reason) {
        switch (table.route(target)) {
            case Route.Local l -> { if (l.cell() != null) signal(l.cell(), from, reason); }
            case Route.Remote r -> r.require().exit(target, from, reason);
        }
    }

    /** An exit signal from a dying linked process; links are node-local, so {@code to} is a local ref. */
    void deliverExit(ProcessRef to, ProcessRef from, ExitReason reason) {
        ProcessCell<?> cell = table.cell(to);
        if (cell != null) signal(cell, from, reason);
    }

    private void signal(ProcessCell<?> cell, ProcessRef from, ExitReason reason) {
        if (from != null) cell.removeLink(from);
        if (cell.trapExit) {
            cell.mailbox.put(new Envelope.Exit(from, reason));
            if (cell.isDead()) cell.drainMailbox();
        } else if (!(reason instanceof ExitReason.Normal)) { // as in OTP, only normal is ignored
            killNow(cell, reason);
        }
    }

    static void killNow(ProcessCell<?> cell, ExitReason reason) {
        cell.die(reason);
        Thread t = cell.thread;
        if (t != null && t != Thread.currentThread()) t.interrupt();
    }

    boolean awaitExit(ProcessRef target, Duration timeout) {
        return switch (table.route(target)) {
            case Route.Local l -> {
                ProcessCell<?> cell = l.cell();
                if (cell == null) yield true;
                ReplySlot slot = new ReplySlot(null);
                if (!cell.onExit(slot)) yield true;
                try {
                    slot.await(timeout, target);
                    yield true;
                } catch (CallTimeoutException e) {
                    yield false;
                }
            }
            case Route.Remote r -> r.require().awaitExit(target, timeout);
        };
    }
}
