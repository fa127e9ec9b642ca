package io.ado.runtime.supervisor;

import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;

/**
 * How a supervisor starts a child. Runs on the supervisor's own process thread and must
 * start the child linked to it ({@code runtime.startLink}), or the supervisor never learns
 * of the child's exit. {@code extraArgs} is what {@code startChild(args)} passed to a
 * simple_one_for_one supervisor (null otherwise).
 */
@FunctionalInterface
public interface ChildStart {
    ProcessRef start(ProcessRuntime runtime, Object extraArgs);
}
