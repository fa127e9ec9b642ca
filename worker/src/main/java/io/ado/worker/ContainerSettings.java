package io.ado.worker;

import io.ado.worker.engine.ContainerConfig.Ulimit;
import io.ado.worker.engine.EngineAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The worker's container engine settings ({@code worker.container.*} in {@code ado.config.yaml}).
 * {@code host}: the engine's address when {@code DOCKER_HOST} is not set (else the default
 * sockets are tried). {@code runtime}: the OCI runtime asked of the engine per container (Docker
 * honours it; Podman's compatible service ignores it and uses the one it was started with:
 * {@code podman --runtime runc system service}); null is the engine's default. {@code ulimits}:
 * {@code SOFT:HARD} per name, set on every container (sandboxes that refuse to raise rlimits, as
 * this project's machines do, need them lowered). {@code stopGrace}: SIGTERM, then SIGKILL after
 * this (cancel, timeout). {@code creationGrace}: a container of this worker whose attempt it does not
 * hold is removed as an orphan once it is older than this. {@code sweepInterval}: how often orphans are
 * looked for after start-up. {@code requestTimeout}: an engine call without an answer by then fails.
 */
public record ContainerSettings(String host, String runtime, Map<String, String> ulimits, Duration stopGrace, Duration creationGrace,
                                Duration sweepInterval, Duration requestTimeout) {

    public static final ContainerSettings DEFAULTS = new ContainerSettings(null, null, Map.of("nofile", "1024:1024", "nproc", "4096:4096"),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30));

    public ContainerSettings {
        if (host != null && !host.isBlank()) {
            try {
                EngineAddress.parse(host);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("host: " + e.getMessage().replaceFirst("^container host: ", ""));
            }
        }
        if (host != null && host.isBlank()) host = null;
        if (runtime != null && runtime.isBlank()) runtime = null;
        ulimits = ulimits == null ? Map.of() : Map.copyOf(new TreeMap<>(ulimits));
        ulimits.forEach(Ulimit::parse);
        positive("stopGrace", stopGrace);
        positive("creationGrace", creationGrace);
        positive("sweepInterval", sweepInterval);
        positive("requestTimeout", requestTimeout);
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + ": must be positive");
    }

    /** The ulimits as the engine takes them, in name order. */
    public List<Ulimit> ulimitList() {
        List<Ulimit> out = new ArrayList<>();
        new TreeMap<>(ulimits).forEach((k, v) -> out.add(Ulimit.parse(k, v)));
        return List.copyOf(out);
    }

    public ContainerSettings withHost(String h) { return new ContainerSettings(h, runtime, ulimits, stopGrace, creationGrace, sweepInterval, requestTimeout); }
}
