package io.ado.worker;

import io.ado.protocol.TaskSpec;
import java.util.Map;

/** Runs one kind of task ({@code shell}, {@code agent}, ...). */
public interface TaskRuntime {
    String name();

    /** Starts the task; never throws for a task-level problem, the outcome reports it instead. */
    RunningTask start(TaskSpec spec, Map<String, String> extraEnv, OutputSink sink);
}
