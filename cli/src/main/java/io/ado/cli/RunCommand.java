package io.ado.cli;

import io.ado.cli.config.AdoConfig;
import io.ado.cli.config.ConfigLoader;
import io.ado.client.ApiClient;
import io.ado.protocol.PullPolicy;
import io.ado.protocol.StreamMessage;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskView;
import io.ado.worker.AgentRuntime;
import io.ado.worker.ContainerRuntime;
import io.ado.worker.Outcome;
import io.ado.worker.RunningTask;
import io.ado.worker.ShellRuntime;
import io.ado.worker.TaskRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ado run "TEXT"}: locally through the worker runtimes, or {@code --remote} on the fleet with live output. */
@Command(name = "run", description = "Run a shell command (in a container with --image, or an agent prompt with --agent), locally or with --remote on workers.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TEXT", description = "shell command, or the prompt when --agent is given") String text;
    @Option(names = "--remote", description = "run on the controller's workers and stream the output back") boolean remote;
    @Option(names = "--workers", paramLabel = "N", description = "run N instances (ADO_INSTANCE=1..N, ADO_INSTANCES=N), output prefixed") int instances = 1;
    @Option(names = "--agent", paramLabel = "NAME", description = "agent provider from the config, e.g. claude-code") String agent;
    @Option(names = "--capability", paramLabel = "C", description = "a capability the worker must have (repeatable)") List<String> capabilities = new ArrayList<>();
    @Option(names = "--env", paramLabel = "K=V", description = "environment variable for the task (repeatable)") Map<String, String> env = new LinkedHashMap<>();
    @Option(names = "--cwd", paramLabel = "DIR", description = "working directory on the worker") String cwd;
    @Option(names = "--timeout", paramLabel = "D", description = "kill the task after D (e.g. 30s, 5m, 1500ms)") String timeout;
    @Option(names = "--retries", paramLabel = "N", description = "re-runs allowed when a worker is lost (default 3)") Integer retries;
    @Option(names = "--detach", description = "print the task id and return at once") boolean detach;
    @Option(names = "--image", paramLabel = "IMAGE", description = "run TEXT with /bin/sh -c in a container of IMAGE on the worker's engine") String image;
    @Option(names = "--cpus", paramLabel = "N", description = "container CPU limit, e.g. 0.5 (with --image)") Double cpus;
    @Option(names = "--memory", paramLabel = "SIZE", description = "container memory limit, e.g. 512m, 2g (with --image)") String memory;
    @Option(names = "--pull", paramLabel = "POLICY", description = "always, if-not-present (default) or never (with --image)") String pull;
    @Mixin ControllerOptions controller;
    @Mixin ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        if (instances < 1) throw new IllegalArgumentException("--workers: must be at least 1");
        Long timeoutMs = timeout == null ? null : ConfigLoader.parseDuration("--timeout", "--timeout", timeout).toMillis();
        if (image == null && (cpus != null || memory != null || pull != null)) throw new IllegalArgumentException("--cpus, --memory and --pull need --image");
        if (image != null && agent != null) throw new IllegalArgumentException("--agent and --image do not go together");
        PullPolicy policy = pull == null ? null : PullPolicy.parse(pull);
        List<TaskSpec> specs = new ArrayList<>();
        String group = instances > 1 ? "run-" + Long.toString(System.nanoTime(), 36) : null; // instances go to distinct workers
        for (int i = 1; i <= instances; i++) {
            Map<String, String> e = new LinkedHashMap<>(env);
            if (instances > 1) { e.put("ADO_INSTANCE", Integer.toString(i)); e.put("ADO_INSTANCES", Integer.toString(instances)); }
            TaskSpec spec = new TaskSpec(text, agent == null ? "shell" : "agent", agent, e, cwd, timeoutMs, capabilities, retries, group);
            specs.add(image == null ? spec : spec.inContainer(image, cpus, memory, policy));
        }
        return remote ? remote(specs) : local(specs);
    }

    private int remote(List<TaskSpec> specs) throws Exception {
        ApiClient api = controller.client();
        List<String> ids = new ArrayList<>();
        // N instances in one request: they are created together or not at all
        for (TaskView t : specs.size() == 1 ? List.of(api.submit(specs.get(0))) : api.submitAll(specs)) {
            ids.add(t.id());
            if (detach) System.out.println(t.id());
            else System.err.println("ado: task " + t.id() + " submitted");
        }
        if (detach) return 0;
        if (ids.size() == 1) return TaskFollower.follow(api, ids.get(0), 0, null, System.out, System.err);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> codes = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                String prefix = "[" + (i + 1) + "] ";
                codes.add(pool.submit(() -> TaskFollower.follow(api, id, 0, prefix, System.out, System.err)));
            }
            int worst = 0;
            for (Future<Integer> f : codes) worst = worst == 0 ? f.get() : worst;
            return worst;
        }
    }

    /** Without --remote: the same runtimes a worker uses, in this process. */
    private int local(List<TaskSpec> specs) throws Exception {
        AdoConfig cfg = config.load();
        Map<String, TaskRuntime> runtimes = new HashMap<>(Map.of("shell", new ShellRuntime(), "agent", new AgentRuntime(cfg.agents())));
        if (image != null) {
            ContainerRuntime engine = ContainerRuntime.discover(cfg.container(), System.getenv(), "local").orElseThrow(() -> new IllegalArgumentException(
                    "--image: no container engine answered (set DOCKER_HOST, or worker.container.host in ado.config.yaml)"));
            runtimes.put(engine.name(), engine);
        }
        List<RunningTask> running = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            TaskSpec s = specs.get(i);
            String prefix = specs.size() > 1 ? "[" + (i + 1) + "] " : null;
            long[] seq = {0};
            running.add(runtimes.get(s.runtime()).start(s, new HashMap<>(), (stream, data) -> {
                synchronized (System.out) {
                    Printer.chunk(new StreamMessage.Chunk("local", seq[0]++, 1, stream, data, 0), System.out, System.err, prefix);
                }
            }));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> running.forEach(RunningTask::cancel)));
        int worst = 0;
        for (RunningTask r : running) {
            Outcome o = r.outcome().get();
            if (o.isFailure()) System.err.println("ado: " + o.error());
            int code = o.exitCode() == null ? 1 : o.exitCode();
            if (worst == 0) worst = code;
        }
        return worst;
    }

}
