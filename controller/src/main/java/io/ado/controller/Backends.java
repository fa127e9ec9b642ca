package io.ado.controller;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the controller keeps its state and sends its events ({@code distributed.controller.state},
 * {@code .events}, {@code .postgres.*}, {@code .redis.*}). The password is only handed to the
 * JDBC pool: {@link #toString()} and {@link #toConfigMap()} redact it.
 */
public record Backends(String state, String postgresUrl, String postgresUser, String postgresPassword,
                       String events, String redisUrl, String redisPrefix) {
    public static final Backends EMBEDDED = new Backends("embedded", null, null, null, "local", null, "ado:");
    static final String REDACTED = "********";

    public Backends {
        boolean pg = "postgres".equals(state), redis = "redis".equals(events); // fields are not set yet in a compact constructor
        if (!"embedded".equals(state) && !pg) throw new IllegalArgumentException("state: must be embedded or postgres, got '" + state + "'");
        if (!"local".equals(events) && !redis) throw new IllegalArgumentException("events: must be local or redis, got '" + events + "'");
        if (pg && (postgresUrl == null || postgresUrl.isBlank())) throw new IllegalArgumentException("postgres.url: required when state is postgres");
        if (pg && !postgresUrl.startsWith("jdbc:postgresql:")) throw new IllegalArgumentException("postgres.url: must start with jdbc:postgresql:, got '" + postgresUrl + "'");
        if (redis && (redisUrl == null || redisUrl.isBlank())) throw new IllegalArgumentException("redis.url: required when events is redis");
        if (redis && !redisUrl.matches("rediss?://.+")) throw new IllegalArgumentException("redis.url: must be redis://host:port, got '" + redactedRedis(redisUrl) + "'");
        if (redisPrefix == null) redisPrefix = "ado:";
        if (postgresUser == null) postgresUser = "postgres";
    }

    public static Backends postgresAndRedis(String pgUrl, String user, String password, String redisUrl, String prefix) {
        return new Backends("postgres", pgUrl, user, password, "redis", redisUrl, prefix);
    }

    public boolean isPostgres() { return state.equals("postgres"); }

    public boolean isRedis() { return events.equals("redis"); }

    /** The keys as in {@code ado.config.yaml}, password redacted. */
    Map<String, Object> toConfigMap(Map<String, Object> into) {
        into.put("state", state);
        Map<String, Object> pg = new LinkedHashMap<>();
        pg.put("url", postgresUrl);
        pg.put("user", postgresUser);
        if (postgresPassword != null && !postgresPassword.isEmpty()) pg.put("password", REDACTED);
        into.put("postgres", pg);
        into.put("events", events);
        Map<String, Object> redis = new LinkedHashMap<>();
        redis.put("url", redisUrl == null ? null : redactedRedis(redisUrl));
        redis.put("prefix", redisPrefix);
        into.put("redis", redis);
        return into;
    }

    /** A Redis URL may carry a password ({@code redis://:secret@host}); keep only what is after the '@'. */
    static String redactedRedis(String url) {
        int at = url.lastIndexOf('@');
        int scheme = url.indexOf("://");
        return at < 0 || scheme < 0 ? url : url.substring(0, scheme + 3) + REDACTED + url.substring(at);
    }

    @Override
    public String toString() {
        return "Backends[state=" + state + ", postgresUrl=" + postgresUrl + ", postgresUser=" + postgresUser + ", postgresPassword="
                + (postgresPassword == null ? null : REDACTED) + ", events=" + events + ", redisUrl="
                + (redisUrl == null ? null : redactedRedis(redisUrl)) + ", redisPrefix=" + redisPrefix + "]";
    }
}
