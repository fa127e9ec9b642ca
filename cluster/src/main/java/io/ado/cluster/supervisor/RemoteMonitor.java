package io.ado.cluster.supervisor;

import io.ado.runtime.MonitorRef;
import io.ado.runtime.ProcessContext;
import io.ado.runtime.ProcessRef;

/**
 * Monitors a process wherever it lives. The calling process gets a
 * {@link io.ado.runtime.Down} with the exit reason, or {@code noconnection} when the
 * target's node is lost; at once with {@code noproc} if the target is already gone.
 * A thin, named entry point over {@code ProcessRuntime.monitor}, which routes remote refs
 * through the cluster.
 */
public final class RemoteMonitor {
    private RemoteMonitor() {}

    /** Monitors {@code target} from the calling process. */
    public static MonitorRef monitor(ProcessRef target) { return ProcessContext.current().monitor(target); }

    /** Cancels the monitor: no DOWN arrives for it afterwards. */
    public static void demonitor(MonitorRef ref) { ProcessContext.current().demonitor(ref); }
}
