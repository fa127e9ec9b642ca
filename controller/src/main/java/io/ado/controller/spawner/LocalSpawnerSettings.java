package io.ado.controller.spawner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code scaling.local}: workers the local spawner starts as {@code ado worker} processes on this
 * machine. {@code logs} holds each worker's log ({@code <id>.log}) and the record a restarted
 * controller re-adopts it by; {@code controllerUrl} null means this controller's own address.
 */
public record LocalSpawnerSettings(int slots, List<String> capabilities, Path logs, Duration drainTimeout, String controllerUrl,
                                   List<String> extraArgs) {
    public static final LocalSpawnerSettings DEFAULTS = new LocalSpawnerSettings(1, List.of(), Path.of(".ado", "logs"), Duration.ofSeconds(30),
            null, List.of());

    public LocalSpawnerSettings {
        if (slots < 1) throw new IllegalArgumentException("slots: must be at least 1");
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        if (logs == null) logs = DEFAULTS.logs();
        if (drainTimeout == null || drainTimeout.isNegative()) throw new IllegalArgumentException("drainTimeout: must be a duration >= 0");
    }

    public LocalSpawnerSettings withLogs(Path dir) { return new LocalSpawnerSettings(slots, capabilities, dir, drainTimeout, controllerUrl, extraArgs); }

    public LocalSpawnerSettings withSlots(int n) { return new LocalSpawnerSettings(n, capabilities, logs, drainTimeout, controllerUrl, extraArgs); }

    public LocalSpawnerSettings withExtraArgs(List<String> args) { return new LocalSpawnerSettings(slots, capabilities, logs, drainTimeout, controllerUrl, args); }
}
