package io.ado.controller;

import io.ado.controller.balancer.BalancerSettings;
import io.ado.controller.health.HealthSettings;
import io.ado.controller.plane.PlaneSettings;
import io.ado.controller.plane.SecuritySettings;
import io.ado.controller.registry.RegistrySettings;
import io.ado.controller.scaling.ScalingSettings;
import io.ado.controller.state.StoreSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the controller needs to start, already validated. The YAML keys of seed 000
 * ({@code distributed.controller.*}) map onto these records one to one.
 */
public record ControllerSettings(String host, int port, Path dataDir, long maxBodyBytes, int defaultRetries,
                                 RegistrySettings registry, HealthSettings health, BalancerSettings loadBalancer, ScalingSettings scaling, StoreSettings store,
                                 SecuritySettings security, String apiToken) {

    public ControllerSettings {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port: must be 0..65535");
        if (maxBodyBytes < 1024) throw new IllegalArgumentException("maxBodyBytes: must be at least 1024");
        if (defaultRetries < 0 || defaultRetries > 100) throw new IllegalArgumentException("defaultRetries: must be 0..100");
        if (apiToken != null && apiToken.length() < 16) throw new IllegalArgumentException("apiToken: must be at least 16 characters");
        if (store == null) store = StoreSettings.EMBEDDED;
        if (security == null) security = SecuritySettings.DEFAULTS;
    }

    public static ControllerSettings defaults(Path dataDir) {
        return new ControllerSettings("127.0.0.1", 8080, dataDir, 1024 * 1024, 3, RegistrySettings.DEFAULTS, HealthSettings.DEFAULTS,
                BalancerSettings.DEFAULTS, ScalingSettings.DEFAULTS, StoreSettings.EMBEDDED, SecuritySettings.DEFAULTS, null);
    }

    /** What the control plane needs of these settings. */
    public PlaneSettings plane() { return new PlaneSettings(defaultRetries, registry, health, loadBalancer, scaling, security); }

    public ControllerSettings withPort(int p) {
        return new ControllerSettings(host, p, dataDir, maxBodyBytes, defaultRetries, registry, health, loadBalancer, scaling, store, security, apiToken);
    }

    public ControllerSettings withHealth(HealthSettings h) {
        return new ControllerSettings(host, port, dataDir, maxBodyBytes, defaultRetries, registry, h, loadBalancer, scaling, store, security, apiToken);
    }

    public ControllerSettings withScaling(ScalingSettings s) {
        return new ControllerSettings(host, port, dataDir, maxBodyBytes, defaultRetries, registry, health, loadBalancer, s, store, security, apiToken);
    }

    public ControllerSettings withStore(StoreSettings s) {
        return new ControllerSettings(host, port, dataDir, maxBodyBytes, defaultRetries, registry, health, loadBalancer, scaling, s, security, apiToken);
    }

    public ControllerSettings withSecurity(SecuritySettings sec) {
        return new ControllerSettings(host, port, dataDir, maxBodyBytes, defaultRetries, registry, health, loadBalancer, scaling, store, sec, apiToken);
    }

    /** @deprecated the store and the event bus are one setting now: use {@link #store()}. */
    @Deprecated
    public StoreSettings backends() { return store; }

    /** With a token, every API request and WebSocket upgrade must send {@code Authorization: Bearer <token>}. */
    public ControllerSettings withApiToken(String t) {
        return new ControllerSettings(host, port, dataDir, maxBodyBytes, defaultRetries, registry, health, loadBalancer, scaling, store, security, t);
    }

    @Override
    public String toString() {
        return "ControllerSettings[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", store=" + store
                + ", apiToken=" + (apiToken == null ? "none" : "***") + "]";
    }

    /** The effective configuration in the shape of {@code ado.config.yaml} (durations in ms), for {@code GET /api/v1/admin/config}. */
    public Map<String, Object> toConfigMap() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("host", host);
        c.put("port", port);
        c.put("dataDir", dataDir.toString());
        c.put("maxBodyBytes", maxBodyBytes);
        c.put("defaultRetries", defaultRetries);
        c.put("registry", ordered("cleanupInterval", registry.cleanupInterval().toMillis(), "staleThreshold", registry.staleThreshold().toMillis()));
        c.put("health", ordered("heartbeatInterval", health.heartbeatInterval().toMillis(), "timeoutThreshold", health.timeoutThreshold().toMillis(),
                "unhealthyGracePeriod", health.unhealthyGracePeriod().toMillis(), "reconnectWindow", health.reconnectWindow().toMillis(),
                "highCpuPercent", health.highCpuPercent(), "highMemoryPercent", health.highMemoryPercent()));
        c.put("loadBalancer", ordered("strategy", loadBalancer.strategy(), "rebalanceInterval", loadBalancer.rebalanceInterval().toMillis(),
                "maxTasksPerWorker", loadBalancer.maxTasksPerWorker()));
        c.put("scaling", ordered("enabled", scaling.enabled(), "minWorkers", scaling.minWorkers(), "maxWorkers", scaling.maxWorkers(),
                "scaleUpQueueThreshold", scaling.scaleUpQueueThreshold(), "scaleUpUtilizationThreshold", scaling.scaleUpUtilizationThreshold(),
                "scaleDownUtilizationThreshold", scaling.scaleDownUtilizationThreshold(), "scaleDownDelay", scaling.scaleDownDelay().toMillis(),
                "cooldownPeriod", scaling.cooldownPeriod().toMillis(), "spawner", scaling.spawner(), "spawnTimeout", scaling.spawnTimeout().toMillis(),
                "pool", scaling.pool(), "local", ordered("slots", scaling.local().slots(), "capabilities", scaling.local().capabilities(),
                        "logs", scaling.local().logs().toString(), "drainTimeout", scaling.local().drainTimeout().toMillis(),
                        "controllerUrl", String.valueOf(scaling.local().controllerUrl()), "extraArgs", scaling.local().extraArgs()),
                "kubernetes", ordered("namespace", String.valueOf(scaling.kubernetes().namespace()), "image", scaling.kubernetes().image(),
                        "controllerUrl", String.valueOf(scaling.kubernetes().controllerUrl()), "slots", scaling.kubernetes().slots())));
        c.put("security", ordered("joinTokenTtl", security.joinTokenTtl().toMillis()));
        c.put("apiToken", apiToken == null ? "none" : "set");
        c.put("store", store.toConfigMap());
        return Map.of("distributed", Map.of("controller", c));
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
