package io.ado.worker.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where to look for an engine, in the Docker CLI's order: {@code DOCKER_HOST} alone when it is
 * set; else the worker's configured host alone; else Docker's socket, then Podman's rootful and
 * rootless sockets, the first that answers.
 */
public final class EngineDiscovery {
    public static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");
    public static final Path PODMAN_SOCKET = Path.of("/run/podman/podman.sock");

    private EngineDiscovery() {}

    public static List<EngineAddress> candidates(Map<String, String> env, String configuredHost) {
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) return List.of(EngineAddress.parse(dockerHost));
        if (configuredHost != null && !configuredHost.isBlank()) return List.of(EngineAddress.parse(configuredHost));
        List<EngineAddress> out = new ArrayList<>(List.of(EngineAddress.unix(DOCKER_SOCKET), EngineAddress.unix(PODMAN_SOCKET)));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && runtimeDir.startsWith("/")) out.add(EngineAddress.unix(Path.of(runtimeDir, "podman", "podman.sock")));
        return List.copyOf(out);
    }
}
