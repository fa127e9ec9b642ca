package io.ado.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ado.controller.Backends;
import io.ado.controller.ControllerSettings;
import io.ado.controller.balancer.BalancerSettings;
import io.ado.controller.health.HealthSettings;
import io.ado.controller.registry.RegistrySettings;
import io.ado.controller.scaling.ScalingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ado.config.yaml} (the keys of seed 000 under {@code distributed.controller}, plus
 * {@code agents}), then environment variables ({@code ADO_DISTRIBUTED_CONTROLLER_HEALTH_RECONNECTWINDOW=3s}),
 * then {@code --set key=value} flags; later wins. An unknown key or a bad value is an error
 * naming the source, the key and the reason; nothing is half-applied.
 */
public final class ConfigLoader {
    private static final String P = "distributed.controller.";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final Map<String, Kind> KEYS = new LinkedHashMap<>();

    enum Kind { STRING, INT, DOUBLE, BOOL, DURATION }

    static {
        for (String k : List.of("host", "dataDir", "store.url", "store.user")) KEYS.put(P + k, Kind.STRING);
        for (String k : List.of("port", "maxBodyBytes", "defaultRetries")) KEYS.put(P + k, Kind.INT);
        for (String k : List.of("registry.cleanupInterval", "registry.staleThreshold", "health.heartbeatInterval", "health.timeoutThreshold",
                "health.unhealthyGracePeriod", "health.reconnectWindow", "loadBalancer.rebalanceInterval", "scaling.scaleDownDelay",
                "scaling.cooldownPeriod")) KEYS.put(P + k, Kind.DURATION);
        for (String k : List.of("health.highCpuPercent", "health.highMemoryPercent", "scaling.scaleUpUtilizationThreshold",
                "scaling.scaleDownUtilizationThreshold")) KEYS.put(P + k, Kind.DOUBLE);
        for (String k : List.of("loadBalancer.maxTasksPerWorker", "scaling.minWorkers", "scaling.maxWorkers", "scaling.scaleUpQueueThreshold")) {
            KEYS.put(P + k, Kind.INT);
        }
        KEYS.put(P + "loadBalancer.strategy", Kind.STRING);
        KEYS.put(P + "scaling.enabled", Kind.BOOL);
        for (String k : List.of("state", "postgres.url", "postgres.user", "postgres.password", "events", "redis.url", "redis.prefix")) {
            KEYS.put(P + k, Kind.STRING);
        }
    }

    /** Short environment names for the backend connection (the long ADO_DISTRIBUTED_... names work too). */
    private static final Map<String, String> ENV_ALIASES = Map.of("ADO_PG_URL", P + "postgres.url", "ADO_PG_USER", P + "postgres.user",
            "ADO_PG_PASSWORD", P + "postgres.password", "ADO_REDIS_URL", P + "redis.url");

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, List<String>> agents = new LinkedHashMap<>();
    private final Map<String, String> sourceOf = new LinkedHashMap<>();

    /** The store password is taken only from this variable, never from the file or flags, and never printed. */
    public static final String STORE_PASSWORD_ENV = "ADO_STORE_PASSWORD";
    /** The API token likewise: only from the environment. Controller, workers and CLI all read it. */
    public static final String TOKEN_ENV = "ADO_TOKEN";

    /** Loads {@code file} if it exists (a missing default file is fine), then env, then flags. */
    public static AdoConfig load(Path file, boolean fileRequired, Map<String, String> env, List<String> sets) {
        ConfigLoader l = new ConfigLoader();
        if (file != null && Files.exists(file)) l.readFile(file);
        else if (file != null && fileRequired) throw new ConfigException(file.toString(), "(file)", "does not exist");
        env.forEach((name, value) -> {
            if (ENV_ALIASES.containsKey(name)) { l.put("environment variable " + name, ENV_ALIASES.get(name), value); return; }
            if (!name.startsWith("ADO_DISTRIBUTED_")) return;
            String key = KEYS.keySet().stream().filter(k -> envName(k).equals(name)).findFirst()
                    .orElseThrow(() -> new ConfigException("environment", name, "unknown setting"));
            l.put("environment variable " + name, key, value);
        });
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new ConfigException("--set", s, "expected key=value");
            String key = s.substring(0, eq).trim();
            if (!KEYS.containsKey(key)) throw new ConfigException("--set", key, "unknown key; known: " + String.join(", ", KEYS.keySet()));
            l.put("--set", key, s.substring(eq + 1).trim());
        }
        return l.build(file == null ? "defaults" : file.toString(), env.get(STORE_PASSWORD_ENV), env.get(TOKEN_ENV));
    }

    public static String envName(String key) { return "ADO_" + key.replace('.', '_').toUpperCase(); }

    private void readFile(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "(file)", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isNull()) return;
        if (!root.isObject()) throw new ConfigException(file.toString(), "(root)", "must be a mapping");
        walk(file.toString(), "", root);
    }

    private void walk(String src, String prefix, JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (key.startsWith("agents.")) { agent(src, key, v); continue; }
            if (v.isObject()) {
                boolean known = key.equals("agents") || KEYS.keySet().stream().anyMatch(k -> k.startsWith(key + "."));
                if (!known) throw new ConfigException(src, key, "unknown key");
                walk(src, key + ".", v);
            } else if (KEYS.containsKey(key)) {
                put(src, key, v.asText());
            } else {
                throw new ConfigException(src, key, "unknown key");
            }
        }
    }

    private void agent(String src, String key, JsonNode v) {
        if (!v.isArray() || v.isEmpty()) throw new ConfigException(src, key, "must be a non-empty list of command words, e.g. [claude, -p, \"{prompt}\"]");
        List<String> argv = new ArrayList<>();
        v.forEach(w -> {
            if (!w.isValueNode()) throw new ConfigException(src, key, "command words must be strings");
            argv.add(w.asText());
        });
        agents.put(key.substring("agents.".length()), List.copyOf(argv));
    }

    private void put(String src, String key, String raw) {
        Object value = switch (KEYS.get(key)) {
            case STRING -> raw;
            case INT -> {
                try { yield Integer.parseInt(raw); } catch (NumberFormatException e) { throw new ConfigException(src, key, "must be a whole number, got '" + raw + "'"); }
            }
            case DOUBLE -> {
                try { yield Double.parseDouble(raw); } catch (NumberFormatException e) { throw new ConfigException(src, key, "must be a number, got '" + raw + "'"); }
            }
            case BOOL -> {
                if (!raw.equals("true") && !raw.equals("false")) throw new ConfigException(src, key, "must be true or false, got '" + raw + "'");
                yield Boolean.parseBoolean(raw);
            }
            case DURATION -> parseDuration(src, key, raw);
        };
        values.put(key, value);
        sourceOf.put(key, src);
    }

    /** Milliseconds as a bare number (as in seed 000), or with a unit: 500ms, 2s, 1m, 1h. */
    public static Duration parseDuration(String src, String key, String raw) {
        Matcher m = DURATION.matcher(raw.trim());
        if (!m.matches()) throw new ConfigException(src, key, "must be a duration in ms or like 2s / 500ms / 1m, got '" + raw + "'");
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.isZero()) throw new ConfigException(src, key, "must be positive");
        return d;
    }

    private AdoConfig build(String defaultSource, String storePassword, String token) {
        ControllerSettings d = ControllerSettings.defaults(Path.of(".ado", "data"));
        HealthSettings h = d.health();
        try {
            var registry = new RegistrySettings(dur("registry.cleanupInterval", d.registry().cleanupInterval()),
                    dur("registry.staleThreshold", d.registry().staleThreshold()));
            var health = new HealthSettings(dur("health.heartbeatInterval", h.heartbeatInterval()), dur("health.timeoutThreshold", h.timeoutThreshold()),
                    dur("health.unhealthyGracePeriod", h.unhealthyGracePeriod()), dur("health.reconnectWindow", h.reconnectWindow()),
                    num("health.highCpuPercent", h.highCpuPercent()), num("health.highMemoryPercent", h.highMemoryPercent()));
            var lb = new BalancerSettings(str("loadBalancer.strategy", d.loadBalancer().strategy()),
                    dur("loadBalancer.rebalanceInterval", d.loadBalancer().rebalanceInterval()),
                    integer("loadBalancer.maxTasksPerWorker", d.loadBalancer().maxTasksPerWorker()));
            var sc = d.scaling();
            var scaling = new ScalingSettings((Boolean) values.getOrDefault(P + "scaling.enabled", sc.enabled()),
                    integer("scaling.minWorkers", sc.minWorkers()), integer("scaling.maxWorkers", sc.maxWorkers()),
                    integer("scaling.scaleUpQueueThreshold", sc.scaleUpQueueThreshold()),
                    num("scaling.scaleUpUtilizationThreshold", sc.scaleUpUtilizationThreshold()),
                    num("scaling.scaleDownUtilizationThreshold", sc.scaleDownUtilizationThreshold()),
                    dur("scaling.scaleDownDelay", sc.scaleDownDelay()), dur("scaling.cooldownPeriod", sc.cooldownPeriod()));
            var store = new ControllerSettings.Store(str("store.url", null), str("store.user", null), storePassword);
            var settings = new ControllerSettings(str("host", d.host()), integer("port", d.port()), Path.of(str("dataDir", d.dataDir().toString())),
                    integer("maxBodyBytes", (int) d.maxBodyBytes()), integer("defaultRetries", d.defaultRetries()), registry, health, lb, scaling, store,
                    token == null || token.isEmpty() ? null : token, backends(d.backends()));
            return new AdoConfig(settings, Map.copyOf(agents));
        } catch (IllegalArgumentException e) {
            // The records say "field: reason"; point at the full key and where it was set.
            String msg = e.getMessage();
            String field = msg.contains(":") ? msg.substring(0, msg.indexOf(':')) : "?";
            String key = field.equals("apiToken") ? TOKEN_ENV : KEYS.keySet().stream().filter(k -> k.endsWith("." + field)).findFirst().orElse(P + field);
            throw new ConfigException(sourceOf.getOrDefault(key, defaultSource), key, msg.substring(msg.indexOf(':') + 1).trim());
        }
    }

    private Backends backends(Backends d) {
        return new Backends(str("state", d.state()), str("postgres.url", d.postgresUrl()), str("postgres.user", d.postgresUser()),
                str("postgres.password", d.postgresPassword()), str("events", d.events()), str("redis.url", d.redisUrl()),
                str("redis.prefix", d.redisPrefix()));
    }

    private Duration dur(String k, Duration d) { return (Duration) values.getOrDefault(P + k, d); }

    private double num(String k, double d) { return (Double) values.getOrDefault(P + k, d); }

    private int integer(String k, int d) { return (Integer) values.getOrDefault(P + k, d); }

    private String str(String k, String d) { return (String) values.getOrDefault(P + k, d); }
}
