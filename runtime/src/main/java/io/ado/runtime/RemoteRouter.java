package io.ado.runtime;

import java.time.Duration;

/**
 * Delivers to processes on other nodes. The cluster layer installs one on a runtime; without
 * it, a ref for another node is treated as a dead process.
 */
public interface RemoteRouter {
    Object call(ProcessRef target, Object msg, Duration timeout);

    void cast(ProcessRef target, Object msg);

    void send(ProcessRef target, Object msg);

    /** Monitor a remote process; DOWN is delivered to {@code watcher} through the runtime. */
    void monitor(ProcessRef watcher, MonitorRef monitor, ProcessRef target);

    void demonitor(MonitorRef monitor, ProcessRef target);
}
