package io.ado.worker;

import io.ado.protocol.TaskSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /bin/sh -c command} with the task's env and working directory. */
public final class ShellRuntime implements TaskRuntime {
    @Override public String name() { return "shell"; }

    @Override
    public RunningTask start(TaskSpec spec, Map<String, String> extraEnv, OutputSink sink) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putAll(spec.env());
        return ProcessTask.start(List.of("/bin/sh", "-c", spec.command()), env, spec.cwd(), spec.timeoutMs(), sink);
    }
}
