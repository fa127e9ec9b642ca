package io.ado.runtime;

/** Monitors of local and remote processes; a remote one is set up and cancelled through the {@link RemoteRouter}. */
final class Monitors {
    private final ProcessTable table;
    private final Messaging messaging;

    Monitors(ProcessTable table, Messaging messaging) {
        this.table = table;
        this.messaging = messaging;
    }

    MonitorRef monitor(ProcessRef watcher, ProcessRef target) {
        MonitorRef mref = new MonitorRef(table.node(), table.nextId());
        ProcessCell<?> w = table.cell(watcher);
        if (w != null) w.addWatching(mref, target);
        switch (table.route(target)) {
            case Route.Local l -> {
                if (l.cell() == null || !l.cell().addWatcher(mref, watcher)) deliverDown(watcher, mref, target, ExitReason.NOPROC);
            }
            case Route.Remote r -> {
                if (r.router() == null) deliverDown(watcher, mref, target, ExitReason.NOCONNECTION);
                else r.router().monitor(watcher, mref, target);
            }
        }
        return mref;
    }

    void deliverDown(ProcessRef watcher, MonitorRef monitor, ProcessRef target, ExitReason reason) {
        ProcessCell<?> w = table.cell(watcher);
        if (w != null) w.removeWatching(monitor);
        messaging.send(watcher, new Down(monitor, target, reason));
    }

    boolean addRemoteWatcher(MonitorRef mref, ProcessRef watcher, ProcessRef target) {
        ProcessCell<?> t = table.cell(target);
        return t != null && t.addWatcher(mref, watcher);
    }

    /** Drops the monitor on the target's side; a remote monitor without a router was never set up. */
    void demonitor(MonitorRef mref, ProcessRef target) {
        switch (table.route(target)) {
            case Route.Local l -> { if (l.cell() != null) l.cell().removeWatcher(mref); }
            case Route.Remote r -> { if (r.router() != null) r.router().demonitor(mref, target); }
        }
    }

    void demonitorFrom(ProcessRef watcher, MonitorRef mref) {
        ProcessCell<?> w = table.cell(watcher);
        if (w == null) return;
        ProcessRef target = w.watchingTarget(mref);
        if (target != null) {
            w.removeWatching(mref);
            demonitor(mref, target);
        }
    }
}
