package io.ado.worker;

import io.ado.protocol.TaskSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Coding-agent CLIs as configured providers, e.g. {@code claude-code: [claude, -p, "{prompt}"]}:
 * the task's command is the prompt and replaces {@code {prompt}} in the argument template.
 * The prompt is passed as one argument, never through a shell.
 */
public final class AgentRuntime implements TaskRuntime {
    private final Map<String, List<String>> providers;

    public AgentRuntime(Map<String, List<String>> providers) {
        providers.forEach((name, argv) -> {
            if (argv.isEmpty()) throw new IllegalArgumentException("agents." + name + ": command must not be empty");
        });
        this.providers = Map.copyOf(providers);
    }

    public Map<String, List<String>> providers() { return providers; }

    @Override public String name() { return "agent"; }

    @Override
    public RunningTask start(TaskSpec spec, Map<String, String> extraEnv, OutputSink sink) {
        List<String> template = providers.get(spec.agent());
        if (template == null) {
            return RunningTask.failed("no agent provider '" + spec.agent() + "' on this worker (known: " + providers.keySet() + ")");
        }
        List<String> argv = template.stream().map(a -> a.replace("{prompt}", spec.command())).toList();
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putAll(spec.env());
        return ProcessTask.start(argv, env, spec.cwd(), spec.timeoutMs(), sink);
    }
}
