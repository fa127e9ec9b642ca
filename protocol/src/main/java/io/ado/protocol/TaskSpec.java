package io.ado.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What to run. {@code runtime} is {@code shell} ({@code /bin/sh -c command}) or {@code agent}
 * (the prompt {@code command} given to the provider named {@code agent}). Tasks sharing a
 * {@code group} never run at the same time on one worker (the instances of
 * {@code ado run --workers N}). The constructor
 * rejects bad input with a reason that names the field, so a bad request changes nothing.
 */
public record TaskSpec(String command, String runtime, String agent, Map<String, String> env, String cwd,
                       Long timeoutMs, List<String> capabilities, Integer retries, String group) {
    public static final int MAX_COMMAND_CHARS = 64 * 1024;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public TaskSpec {
        if (command == null || command.isBlank()) throw new IllegalArgumentException("command: must not be blank");
        if (command.length() > MAX_COMMAND_CHARS) throw new IllegalArgumentException("command: longer than " + MAX_COMMAND_CHARS + " characters");
        runtime = runtime == null ? (agent == null ? "shell" : "agent") : runtime;
        if (!runtime.equals("shell") && !runtime.equals("agent")) throw new IllegalArgumentException("runtime: must be shell or agent, not '" + runtime + "'");
        if (runtime.equals("agent") && (agent == null || agent.isBlank())) throw new IllegalArgumentException("agent: required when runtime is agent");
        env = env == null ? Map.of() : Map.copyOf(env);
        for (String k : env.keySet()) {
            if (!ENV_NAME.matcher(k).matches()) throw new IllegalArgumentException("env: bad variable name '" + k + "'");
        }
        if (timeoutMs != null && timeoutMs <= 0) throw new IllegalArgumentException("timeoutMs: must be positive");
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        if (retries != null && (retries < 0 || retries > 100)) throw new IllegalArgumentException("retries: must be 0..100");
        if (group != null && (group.isBlank() || group.length() > 200)) throw new IllegalArgumentException("group: must be 1..200 characters");
    }

    public TaskSpec(String command, String runtime, String agent, Map<String, String> env, String cwd, Long timeoutMs,
                    List<String> capabilities, Integer retries) {
        this(command, runtime, agent, env, cwd, timeoutMs, capabilities, retries, null);
    }

    public static TaskSpec shell(String command) { return new TaskSpec(command, "shell", null, null, null, null, null, null); }

    /** Capabilities a worker must have: the runtime's own ({@code shell} or the agent name) plus the extra ones asked for. */
    public List<String> requiredCapabilities() {
        var all = new ArrayList<String>();
        all.add(runtime.equals("shell") ? "shell" : agent);
        all.addAll(capabilities);
        return List.copyOf(all);
    }
}
