package io.ado.controller.state;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the controller keeps its state and sends its events: {@code distributed.controller.store.*}
 * (the older flat keys {@code state}, {@code postgres.url/user}, {@code events}, {@code redis.url/prefix}
 * map onto the same components). {@code url == null} is the embedded store under {@code dataDir}; a
 * {@code jdbc:postgresql:} URL is PostgreSQL, which replicas may share; {@code state} may say
 * {@code postgres} explicitly (then the URL must be PostgreSQL) or be left out. {@code events} is
 * {@code local} (in-process) or {@code redis}.
 *
 * <p>The password has one source, the environment ({@link #PASSWORD_ENV}; {@link #DEPRECATED_PASSWORD_ENV}
 * still works): never a file or a flag. It is only handed to the JDBC pool: {@link #toString()} and
 * {@link #toConfigMap()} redact it, and a password inside a Redis URL.
 */
public record StoreSettings(String state, String url, String user, String password, String events, String redisUrl, String redisPrefix) {
    public static final StoreSettings EMBEDDED = new StoreSettings(null, null, null, null, "local", null, "ado:");
    /** The one variable the store password is read from. */
    public static final String PASSWORD_ENV = "ADO_STORE_PASSWORD";
    /** Read when {@link #PASSWORD_ENV} is not set: the name the {@code postgres.*} form used. */
    public static final String DEPRECATED_PASSWORD_ENV = "ADO_PG_PASSWORD";
    static final String REDACTED = "********";

    public StoreSettings {
        boolean pgState = "postgres".equals(state); // fields are not set yet in a compact constructor
        if (state != null && !pgState && !"embedded".equals(state)) throw new IllegalArgumentException("state: must be embedded or postgres, got '" + state + "'");
        if (events == null) events = "local";
        boolean redis = "redis".equals(events);
        if (!"local".equals(events) && !redis) throw new IllegalArgumentException("events: must be local or redis, got '" + events + "'");
        if (url != null && url.isBlank()) url = null;
        if (pgState && url == null) throw new IllegalArgumentException("url: required when state is postgres");
        if (pgState && !url.startsWith("jdbc:postgresql:")) throw new IllegalArgumentException("url: must start with jdbc:postgresql:, got '" + url + "'");
        if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("url: must be a jdbc:postgresql: or jdbc:h2: URL, got '" + url + "'");
        }
        if ("embedded".equals(state) && url != null) throw new IllegalArgumentException("url: leave it out with state embedded, or say state: postgres");
        if (redis && (redisUrl == null || redisUrl.isBlank())) throw new IllegalArgumentException("redisUrl: required when events is redis");
        if (redis && !redisUrl.matches("rediss?://.+")) throw new IllegalArgumentException("redisUrl: must be redis://host:port, got '" + redactedRedis(redisUrl) + "'");
        if (redisPrefix == null) redisPrefix = "ado:";
        if (user == null && url != null && url.startsWith("jdbc:postgresql:")) user = "postgres";
    }

    /** PostgreSQL for the state, events in-process. */
    public static StoreSettings postgres(String url, String user, String password) {
        return new StoreSettings("postgres", url, user, password, "local", null, "ado:");
    }

    /** PostgreSQL for the state, Redis pub/sub for the events (keys and channels under {@code prefix}). */
    public static StoreSettings postgresAndRedis(String url, String user, String password, String redisUrl, String prefix) {
        return new StoreSettings("postgres", url, user, password, "redis", redisUrl, prefix);
    }

    public StoreSettings withPassword(String p) { return new StoreSettings(state, url, user, p, events, redisUrl, redisPrefix); }

    public StoreSettings withState(String s) { return new StoreSettings(s, url, user, password, events, redisUrl, redisPrefix); }

    /** The embedded file store under the data directory. */
    public boolean isEmbedded() { return url == null; }

    /** A database other processes can open too: replicas may share it, so leadership goes by the lease. */
    public boolean isPostgres() { return url != null && url.startsWith("jdbc:postgresql:"); }

    public boolean isRedis() { return events.equals("redis"); }

    /** @deprecated the {@code postgres.url} form's name: use {@link #url()}. */
    @Deprecated
    public String postgresUrl() { return url; }

    /** @deprecated the {@code postgres.user} form's name: use {@link #user()}. */
    @Deprecated
    public String postgresUser() { return user; }

    /** @deprecated the {@code postgres.password} form's name: use {@link #password()}. */
    @Deprecated
    public String postgresPassword() { return password; }

    /** The keys as under {@code distributed.controller.store} in {@code ado.config.yaml}; secrets redacted, and the password only said to be set. */
    public Map<String, Object> toConfigMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", isPostgres() ? "postgres" : isEmbedded() ? "embedded" : state); // a jdbc:h2: URL: no state of its own
        m.put("url", url);
        m.put("user", user);
        if (password != null && !password.isEmpty()) m.put("password", REDACTED);
        m.put("events", events);
        m.put("redisUrl", redisUrl == null ? null : redactedRedis(redisUrl));
        m.put("redisPrefix", redisPrefix);
        return m;
    }

    /** A Redis URL may carry a password ({@code redis://:secret@host}); keep only what is after the '@'. */
    static String redactedRedis(String url) {
        int at = url.lastIndexOf('@');
        int scheme = url.indexOf("://");
        return at < 0 || scheme < 0 ? url : url.substring(0, scheme + 3) + REDACTED + url.substring(at);
    }

    @Override
    public String toString() {
        return "StoreSettings[state=" + state + ", url=" + url + ", user=" + user + ", password=" + (password == null ? null : REDACTED)
                + ", events=" + events + ", redisUrl=" + (redisUrl == null ? null : redactedRedis(redisUrl)) + ", redisPrefix=" + redisPrefix + "]";
    }
}
