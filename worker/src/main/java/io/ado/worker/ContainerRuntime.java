package io.ado.worker;

import io.ado.protocol.TaskSpec;
import io.ado.worker.engine.ContainerConfig;
import io.ado.worker.engine.DockerEngine;
import io.ado.worker.engine.EngineAddress;
import io.ado.worker.engine.EngineDiscovery;
import io.ado.worker.engine.EngineInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code container} runtime: each task is {@code /bin/sh -c command} in a container of its
 * image on the worker's Docker Engine API (Docker, or Podman's compatible service), labelled
 * {@code ado.task}, {@code ado.attempt} and {@code ado.worker} (from the attempt's
 * {@code ADO_TASK_ID}, {@code ADO_ATTEMPT} and {@code ADO_WORKER_ID}, which it also gets in its
 * environment), with the task's cpus and memory limits and the settings' ulimits and runtime.
 * A worker has it only when an engine answered at start-up ({@link #discover}).
 */
public final class ContainerRuntime implements TaskRuntime, AutoCloseable {
    public static final String NAME = "container";
    public static final String TASK_LABEL = "ado.task";
    public static final String ATTEMPT_LABEL = "ado.attempt";
    public static final String WORKER_LABEL = "ado.worker";
    private static final Logger log = LoggerFactory.getLogger(ContainerRuntime.class);

    private final DockerEngine engine;
    private final EngineInfo info;
    private final ContainerSettings settings;
    private final ScheduledThreadPoolExecutor timer =
            new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("container-timeouts").factory());

    private ContainerRuntime(DockerEngine engine, EngineInfo info, ContainerSettings settings) {
        this.engine = engine;
        this.info = info;
        this.settings = settings;
        timer.setRemoveOnCancelPolicy(true);
    }

    /** The runtime on the engine at {@code address}, if it answers a ping and tells its version. */
    public static ContainerRuntime connect(EngineAddress address, ContainerSettings settings) throws IOException {
        DockerEngine engine = new DockerEngine(address, settings.requestTimeout());
        try {
            return new ContainerRuntime(engine, engine.probe(), settings);
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * The first engine that answers, looked for as the Docker CLI does ({@link EngineDiscovery}),
     * with one log line either way: which engine, or where none answered (no container tasks here).
     */
    public static Optional<ContainerRuntime> discover(ContainerSettings settings, Map<String, String> env, String workerId) {
        List<String> tried = new ArrayList<>();
        for (EngineAddress a : EngineDiscovery.candidates(env, settings.host())) {
            try {
                ContainerRuntime rt = connect(a, settings);
                log.info("worker {}: container engine {}: container tasks run here", workerId, rt.info.describe());
                return Optional.of(rt);
            } catch (IOException | RuntimeException e) {
                tried.add(a + " (" + e.getMessage() + ")");
            }
        }
        log.info("worker {}: no container engine answered, so no container tasks here; tried {}", workerId, String.join(", ", tried));
        return Optional.empty();
    }

    @Override public String name() { return NAME; }

    public EngineInfo engine() { return info; }

    /** The engine client, for the orphan sweep and tests. */
    public DockerEngine client() { return engine; }

    public ContainerSettings settings() { return settings; }

    @Override
    public RunningTask start(TaskSpec spec, Map<String, String> extraEnv, OutputSink sink) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putAll(spec.env());
        Map<String, String> labels = new HashMap<>();
        label(labels, TASK_LABEL, extraEnv.get("ADO_TASK_ID"));
        label(labels, ATTEMPT_LABEL, extraEnv.get("ADO_ATTEMPT"));
        label(labels, WORKER_LABEL, extraEnv.get("ADO_WORKER_ID"));
        Long nanoCpus = spec.cpus() == null ? null : Math.round(spec.cpus() * 1e9);
        ContainerConfig config = new ContainerConfig(spec.image(), List.of("/bin/sh", "-c"), List.of(spec.command()), env, spec.cwd(), labels,
                false, spec.memoryBytes(), nanoCpus, settings.ulimitList(), settings.runtime());
        return ContainerTask.start(engine, settings, config, spec.pullPolicy(), spec.timeoutMs(), sink, timer);
    }

    private static void label(Map<String, String> labels, String key, String value) {
        if (value != null) labels.put(key, value);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        engine.close();
    }
}
