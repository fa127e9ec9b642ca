package io.ado.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What to run. {@code runtime} is {@code shell} ({@code /bin/sh -c command}), {@code agent}
 * (the prompt {@code command} given to the provider named {@code agent}) or {@code container}
 * ({@code /bin/sh -c command} in a container of {@code image} on the worker's engine, with the
 * optional limits {@code cpus} and {@code memory} and the image {@code pull} policy); a spec with
 * an image and no runtime is a container task. Tasks sharing a {@code group} never run at the
 * same time on one worker (the instances of {@code ado run --workers N}). The constructor rejects
 * bad input with a reason that names the field, so a bad request changes nothing. Every field
 * added after the first is optional on the wire, so older clients' specs still read.
 */
public record TaskSpec(String command, String runtime, String agent, Map<String, String> env, String cwd,
                       Long timeoutMs, List<String> capabilities, Integer retries, String group,
                       String image, Double cpus, String memory, PullPolicy pull) {
    public static final int MAX_COMMAND_CHARS = 64 * 1024;
    public static final int MAX_IMAGE_CHARS = 512;
    public static final double MAX_CPUS = 1024;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Printable, no spaces: the engine is the judge of the reference's grammar (and says why it refuses one). */
    private static final Pattern IMAGE_CHARS = Pattern.compile("[\\x21-\\x7e]+");

    public TaskSpec {
        if (command == null || command.isBlank()) throw new IllegalArgumentException("command: must not be blank");
        if (command.length() > MAX_COMMAND_CHARS) throw new IllegalArgumentException("command: longer than " + MAX_COMMAND_CHARS + " characters");
        runtime = runtime != null ? runtime : image != null ? "container" : agent == null ? "shell" : "agent";
        if (!List.of("shell", "agent", "container").contains(runtime)) {
            throw new IllegalArgumentException("runtime: must be shell, agent or container, not '" + runtime + "'");
        }
        if (runtime.equals("agent") && (agent == null || agent.isBlank())) throw new IllegalArgumentException("agent: required when runtime is agent");
        env = env == null ? Map.of() : Map.copyOf(env);
        for (String k : env.keySet()) {
            if (!ENV_NAME.matcher(k).matches()) throw new IllegalArgumentException("env: bad variable name '" + k + "'");
        }
        if (timeoutMs != null && timeoutMs <= 0) throw new IllegalArgumentException("timeoutMs: must be positive");
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        if (retries != null && (retries < 0 || retries > 100)) throw new IllegalArgumentException("retries: must be 0..100");
        if (group != null && (group.isBlank() || group.length() > 200)) throw new IllegalArgumentException("group: must be 1..200 characters");
        checkContainer(runtime, agent, image, cpus, memory, pull);
    }

    private static void checkContainer(String runtime, String agent, String image, Double cpus, String memory, PullPolicy pull) {
        if (!runtime.equals("container")) {
            String stray = image != null ? "image" : cpus != null ? "cpus" : memory != null ? "memory" : pull != null ? "pull" : null;
            if (stray != null) throw new IllegalArgumentException(stray + ": only for container tasks (runtime container, with an image), not for runtime " + runtime);
            return;
        }
        if (image == null || image.isBlank()) throw new IllegalArgumentException("image: required when runtime is container");
        if (image.length() > MAX_IMAGE_CHARS) throw new IllegalArgumentException("image: longer than " + MAX_IMAGE_CHARS + " characters");
        if (!IMAGE_CHARS.matcher(image).matches()) throw new IllegalArgumentException("image: must not contain spaces or control characters: '" + image + "'");
        if (agent != null) throw new IllegalArgumentException("agent: not with runtime container");
        if (cpus != null && !(cpus >= 0.01 && cpus <= MAX_CPUS)) throw new IllegalArgumentException("cpus: must be 0.01.." + (int) MAX_CPUS + ", not " + cpus);
        if (memory != null) MemorySize.parseBytes(memory);
    }

    public TaskSpec(String command, String runtime, String agent, Map<String, String> env, String cwd, Long timeoutMs,
                    List<String> capabilities, Integer retries, String group) {
        this(command, runtime, agent, env, cwd, timeoutMs, capabilities, retries, group, null, null, null, null);
    }

    public TaskSpec(String command, String runtime, String agent, Map<String, String> env, String cwd, Long timeoutMs,
                    List<String> capabilities, Integer retries) {
        this(command, runtime, agent, env, cwd, timeoutMs, capabilities, retries, null);
    }

    public static TaskSpec shell(String command) { return new TaskSpec(command, "shell", null, null, null, null, null, null); }

    /** {@code /bin/sh -c command} in a container of {@code image}, no limits, the default pull policy. */
    public static TaskSpec container(String command, String image) {
        return new TaskSpec(command, "container", null, null, null, null, null, null, null, image, null, null, null);
    }

    /** This spec as a container task of {@code image} with these limits and pull policy (each may be null). */
    public TaskSpec inContainer(String image, Double cpus, String memory, PullPolicy pull) {
        return new TaskSpec(command, "container", null, env, cwd, timeoutMs, capabilities, retries, group, image, cpus, memory, pull);
    }

    public TaskSpec withEnv(Map<String, String> e) {
        return new TaskSpec(command, runtime, agent, e, cwd, timeoutMs, capabilities, retries, group, image, cpus, memory, pull);
    }

    public TaskSpec withTimeoutMs(Long t) {
        return new TaskSpec(command, runtime, agent, env, cwd, t, capabilities, retries, group, image, cpus, memory, pull);
    }

    /** The memory limit in bytes, or null for none. */
    public Long memoryBytes() { return memory == null ? null : MemorySize.parseBytes(memory); }

    /** The pull policy in effect: {@code if-not-present} when none was given. */
    public PullPolicy pullPolicy() { return pull == null ? PullPolicy.IF_NOT_PRESENT : pull; }

    /** Capabilities a worker must have: the runtime's own ({@code shell}, {@code container} or the agent name) plus the extra ones asked for. */
    public List<String> requiredCapabilities() {
        var all = new ArrayList<String>();
        all.add(runtime.equals("agent") ? agent : runtime);
        all.addAll(capabilities);
        return List.copyOf(all);
    }
}
