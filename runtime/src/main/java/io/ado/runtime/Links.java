package io.ado.runtime;

/** Links between local processes; links are node-local, a remote peer is watched with a monitor. */
final class Links {
    private final ProcessTable table;
    private final Signals signals;

    Links(ProcessTable table, Signals signals) {
        this.table = table;
        this.signals = signals;
    }

    /** Links two local processes; linking to a dead one sends {@code noproc} to the other. */
    void link(ProcessRef a, ProcessRef b) {
        if (!table.isLocal(a) || !table.isLocal(b)) {
            throw new UnsupportedOperationException("links are node-local; use monitor for " + (table.isLocal(a) ? b : a));
        }
        ProcessCell<?> ca = table.cell(a);
        ProcessCell<?> cb = table.cell(b);
        if (ca == null) { if (cb != null) signals.deliverExit(b, a, ExitReason.NOPROC); return; }
        if (cb == null || !cb.addLink(a)) { signals.deliverExit(a, b, ExitReason.NOPROC); return; }
        if (!ca.addLink(b)) { cb.removeLink(a); signals.deliverExit(b, a, ExitReason.NOPROC); }
    }

    /** As in OTP, unlinking what is not linked (a dead process, or one of another node) is a no-op. */
    void unlink(ProcessRef a, ProcessRef b) {
        ProcessCell<?> ca = table.cell(a);
        ProcessCell<?> cb = table.cell(b);
        if (ca != null) ca.removeLink(b);
        if (cb != null) cb.removeLink(a);
    }
}
