package io.ado.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ado.controller.ControllerSettings;
import io.ado.controller.state.StoreSettings;
import io.ado.protocol.Durations;
import io.ado.worker.ContainerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code ado.config.yaml} (the keys of seed 000 under {@code distributed.controller}, a worker's
 * {@code worker.container}, plus
 * {@code agents}), then environment variables ({@code ADO_DISTRIBUTED_CONTROLLER_HEALTH_RECONNECTWINDOW=3s}),
 * then {@code --set key=value} flags; later wins. Each layer is set into one YAML tree that starts
 * as the records' defaults, and Jackson binds the tree to the settings records by their component
 * names ({@link SettingsMapper}): the keys are the records' components, not a list kept here. An
 * unknown key or a bad value is an error naming the source, the key and the reason; nothing is
 * half-applied. Secrets (the API token, the store password) come only from the environment.
 */
public final class ConfigLoader {
    private static final String P = "distributed.controller.";
    /** The worker's section: like the controller's keys, settable from the environment ({@code ADO_WORKER_CONTAINER_HOST}) and flags. */
    private static final String W = "worker.container.";
    private static final ObjectMapper MAPPER = SettingsMapper.create();

    /** The store password is taken only from this variable, never from the file or flags, and never printed. */
    public static final String STORE_PASSWORD_ENV = StoreSettings.PASSWORD_ENV;
    /** The API token likewise: only from the environment. Controller, workers and CLI all read it. */
    public static final String TOKEN_ENV = "ADO_TOKEN";

    /** The flat keys of the earlier {@code state}/{@code postgres}/{@code events}/{@code redis} form, kept as aliases of {@code store.*}. */
    private static final Map<String, String> ALIASES = Map.of(P + "state", P + "store.state", P + "postgres.url", P + "store.url",
            P + "postgres.user", P + "store.user", P + "postgres.password", P + "store.password", P + "events", P + "store.events",
            P + "redis.url", P + "store.redisUrl", P + "redis.prefix", P + "store.redisPrefix");
    /** Sections of the older form ({@code postgres.}, {@code redis.}): any other key in them is unknown. */
    private static final Set<String> ALIAS_SECTIONS = ALIASES.keySet().stream().filter(k -> k.indexOf('.', P.length()) > 0)
            .map(k -> k.substring(0, k.lastIndexOf('.') + 1)).collect(Collectors.toSet());
    /** Short environment names for the store (the long ADO_DISTRIBUTED_... names work too). */
    private static final Map<String, String> ENV_ALIASES = Map.of("ADO_PG_URL", P + "postgres.url", "ADO_PG_USER", P + "postgres.user",
            "ADO_REDIS_URL", P + "redis.url");
    /** Keys set only from these variables, never from a file or a flag. */
    private static final Map<String, String> SECRETS = Map.of(P + "apiToken", TOKEN_ENV, P + "store.password", STORE_PASSWORD_ENV);

    private ConfigLoader() {}

    /** Loads {@code file} if it exists (a missing default file is fine), then env, then flags. */
    public static AdoConfig load(Path file, boolean fileRequired, Map<String, String> env, List<String> sets) {
        String defaultSource = file == null ? "defaults" : file.toString();
        ConfigTree tree = new ConfigTree(defaultsTree());
        if (file != null && Files.exists(file)) readFile(tree, file);
        else if (file != null && fileRequired) throw new ConfigException(file.toString(), "(file)", "does not exist");
        // Every key and alias has its variable; a secret's is refused by set() with the name of the one to use.
        Map<String, String> byEnvName = tree.leaves().stream().filter(ConfigLoader::settableKey).collect(Collectors.toMap(ConfigLoader::envName, k -> k));
        ALIASES.keySet().forEach(k -> byEnvName.put(envName(k), k));
        env.forEach((name, value) -> {
            boolean ours = name.startsWith("ADO_DISTRIBUTED_") || name.startsWith(envName(W));
            String key = ENV_ALIASES.containsKey(name) ? ENV_ALIASES.get(name) : ours ? byEnvName.get(name) : null;
            if (key != null) put(tree, "environment variable " + name, key, value);
            else if (ours) throw new ConfigException("environment", name, "unknown setting");
        });
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new ConfigException("--set", s, "expected key=value");
            String key = s.substring(0, eq).trim();
            if ((!ALIASES.containsKey(key) && !tree.isLeaf(key)) || !settableKey(key)) {
                throw new ConfigException("--set", key, "unknown key; known: " + String.join(", ", settable(tree)));
            }
            put(tree, "--set", key, s.substring(eq + 1).trim());
        }
        boolean preferred = env.get(STORE_PASSWORD_ENV) != null && !env.get(STORE_PASSWORD_ENV).isEmpty();
        String passwordEnv = preferred ? STORE_PASSWORD_ENV : StoreSettings.DEPRECATED_PASSWORD_ENV;
        secret(tree, defaultSource, P + "store.password", passwordEnv, env.get(passwordEnv));
        secret(tree, defaultSource, P + "apiToken", TOKEN_ENV, env.get(TOKEN_ENV));
        return bind(tree, defaultSource);
    }

    public static String envName(String key) { return "ADO_" + key.replace('.', '_').toUpperCase(); }

    private static boolean settableKey(String key) { return key.startsWith(P) || key.startsWith(W); }

    /** Milliseconds as a bare number (as in seed 000), or with a unit: 500ms, 2s, 1m, 1h. */
    public static Duration parseDuration(String src, String key, String raw) {
        try {
            return duration(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(src, key, e.getMessage());
        }
    }

    /** A positive duration ({@link Durations}, bare milliseconds allowed), or an {@link IllegalArgumentException} whose message is the reason. */
    static Duration duration(String raw) {
        Duration d = Durations.parse(raw, true)
                .orElseThrow(() -> new IllegalArgumentException("must be a duration in ms or like 2s / 500ms / 1m, got '" + raw + "'"));
        if (d.isZero()) throw new IllegalArgumentException("must be positive");
        return d;
    }

    /** The seed's defaults as a tree: {@code distributed.controller} is the default {@link ControllerSettings} as Jackson writes it. */
    private static ObjectNode defaultsTree() {
        ConfigFile d = new ConfigFile(new ConfigFile.Distributed(ControllerSettings.defaults(Path.of(".ado", "data"))), Map.of(),
                new ConfigFile.Worker(ContainerSettings.DEFAULTS));
        return MAPPER.valueToTree(d);
    }

    /** Keys an environment variable or a flag may set: the controller's and the worker's leaves, secrets excepted. */
    private static List<String> settable(ConfigTree tree) {
        return tree.leaves().stream().filter(k -> settableKey(k) && !SECRETS.containsKey(k)).toList();
    }

    private static void readFile(ConfigTree tree, Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "(file)", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isNull() || root.isMissingNode()) return;
        if (!root.isObject()) throw new ConfigException(file.toString(), "(root)", "must be a mapping");
        walk(tree, file.toString(), "", root);
    }

    /** Sets every leaf of the file's tree; sections are descended into, so that an alias inside one is found. */
    private static void walk(ConfigTree tree, String src, String prefix, JsonNode node) {
        node.properties().forEach(e -> {
            String key = prefix + e.getKey();
            JsonNode v = e.getValue();
            tree.touched(src, key);
            boolean agent = key.startsWith("agents.");
            // a map setting is one value: its keys may hold dots (nodeSelector {kubernetes.io/arch: amd64})
            if (v.isObject() && !agent && !tree.isMap(key)) walk(tree, src, key + ".", v);
            else if (!(v.isNull() && tree.isSection(key))) set(tree, src, key, v); // an empty section is no value
        });
    }

    private static String canonical(String key) { return ALIASES.getOrDefault(key, key); }

    private static void put(ConfigTree tree, String src, String key, String raw) { set(tree, src, key, tree.typed(canonical(key), raw)); }

    private static void set(ConfigTree tree, String src, String key, JsonNode value) {
        String canonical = canonical(key);
        if (SECRETS.containsKey(canonical)) {
            throw new ConfigException(src, key, "read only from the environment variable " + SECRETS.get(canonical) + ", never from a file or a flag");
        }
        if (!ALIASES.containsKey(key) && ALIAS_SECTIONS.stream().anyMatch(key::startsWith)) throw new ConfigException(src, key, "unknown key");
        tree.set(src, key, canonical, value);
    }

    private static void secret(ConfigTree tree, String src, String key, String envName, String value) {
        if (value != null && !value.isEmpty()) tree.set(src, envName, key, TextNode.valueOf(value));
    }

    private static AdoConfig bind(ConfigTree tree, String defaultSource) {
        ConfigFile f;
        try {
            f = MAPPER.treeToValue(tree.root(), ConfigFile.class);
        } catch (JsonProcessingException e) {
            throw ConfigErrors.of(e, tree, defaultSource, ALIASES);
        }
        Map<String, List<String>> agents = new LinkedHashMap<>();
        f.agents().forEach((name, cmd) -> agents.put(name, cmd.argv()));
        return new AdoConfig(f.distributed().controller(), Map.copyOf(agents), f.worker().container());
    }
}
