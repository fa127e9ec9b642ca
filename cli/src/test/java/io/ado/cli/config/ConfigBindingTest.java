package io.ado.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What binding by Jackson adds to {@link ConfigLoaderTest}: strict types, the store's two spellings, secrets only from the environment. */
class ConfigBindingTest {
    @TempDir Path dir;

    Path file(String yaml) throws Exception {
        Path f = dir.resolve("ado.config.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    AdoConfig load(Path f) { return ConfigLoader.load(f, true, Map.of(), List.of()); }

    @Test
    void aStringWhereANumberOrABooleanIsExpectedIsRefused() throws Exception {
        Path port = file("distributed: {controller: {port: \"9000\"}}");
        assertThatThrownBy(() -> load(port)).hasMessage(port + ": distributed.controller.port: must be a whole number, got '9000'");
        Path enabled = file("distributed: {controller: {scaling: {enabled: \"yes\"}}}");
        assertThatThrownBy(() -> load(enabled)).hasMessage(enabled + ": distributed.controller.scaling.enabled: must be true or false, got 'yes'");
        Path fraction = file("distributed: {controller: {port: 90.5}}");
        assertThatThrownBy(() -> load(fraction)).hasMessage(fraction + ": distributed.controller.port: must be a whole number, got '90.5'");
        Path section = file("distributed: {controller: {health: 5}}");
        assertThatThrownBy(() -> load(section)).hasMessage(section + ": distributed.controller.health: must be a mapping, got '5'");
    }

    @Test
    void numbersAndBooleansFromTheEnvironmentAndFlagsAreTypedByTheKey() {
        AdoConfig c = ConfigLoader.load(null, false, Map.of("ADO_DISTRIBUTED_CONTROLLER_HEALTH_HIGHCPUPERCENT", "95.5",
                "ADO_DISTRIBUTED_CONTROLLER_SCALING_ENABLED", "false"), List.of("distributed.controller.health.reconnectWindow=1500",
                "distributed.controller.store.user=007"));
        assertThat(c.controller().health().highCpuPercent()).isEqualTo(95.5);
        assertThat(c.controller().scaling().enabled()).isFalse();
        assertThat(c.controller().health().reconnectWindow()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.controller().store().user()).isEqualTo("007"); // a string key keeps the text as given
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of("ADO_DISTRIBUTED_CONTROLLER_SCALING_ENABLED", "yes"), List.of()))
                .hasMessage("environment variable ADO_DISTRIBUTED_CONTROLLER_SCALING_ENABLED: distributed.controller.scaling.enabled: must be true or false, got 'yes'");
    }

    @Test
    void unknownKeysAtEveryLevelAndEmptySections() throws Exception {
        Path root = file("distrbuted: {controller: {port: 1}}");
        assertThatThrownBy(() -> load(root)).hasMessage(root + ": distrbuted: unknown key");
        Path pg = file("distributed: {controller: {postgres: {host: db}}}");
        assertThatThrownBy(() -> load(pg)).hasMessage(pg + ": distributed.controller.postgres.host: unknown key");
        Path empty = file("distributed:\n  controller:\n    health:\n    port: 9001\n");
        assertThat(load(empty).controller().port()).isEqualTo(9001);
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of(), List.of("distributed.controller.nope=1")))
                .hasMessageStartingWith("--set: distributed.controller.nope: unknown key; known: distributed.controller.host, ");
    }

    @Test
    void theStoreHasOneRecordWhicheverSpellingSetsIt() throws Exception {
        Path nested = file("distributed: {controller: {store: {state: postgres, url: \"jdbc:postgresql://db/ado\", events: redis, redisUrl: \"redis://r:6379\"}}}");
        var a = load(nested).controller().store();
        Path flat = file("distributed: {controller: {state: postgres, postgres: {url: \"jdbc:postgresql://db/ado\"}, events: redis, redis: {url: \"redis://r:6379\"}}}");
        var b = load(flat).controller().store();
        assertThat(a).isEqualTo(b);
        assertThat(a.isPostgres()).isTrue();
        assertThat(a.isRedis()).isTrue();
        assertThat(a.user()).isEqualTo("postgres");
        AdoConfig env = ConfigLoader.load(null, false, Map.of("ADO_DISTRIBUTED_CONTROLLER_STATE", "postgres", "ADO_PG_URL", "jdbc:postgresql://db/x",
                "ADO_DISTRIBUTED_CONTROLLER_REDIS_PREFIX", "bench:"), List.of());
        assertThat(env.controller().store().url()).isEqualTo("jdbc:postgresql://db/x");
        assertThat(env.controller().store().redisPrefix()).isEqualTo("bench:");
    }

    @Test
    void secretsComeOnlyFromTheEnvironmentAndThePreferredPasswordVariableWins() throws Exception {
        Path pw = file("distributed: {controller: {postgres: {url: \"jdbc:postgresql://db/ado\", password: hunter2}}}");
        assertThatThrownBy(() -> load(pw)).hasMessage(pw + ": distributed.controller.postgres.password: read only from the environment variable "
                + "ADO_STORE_PASSWORD, never from a file or a flag");
        Path token = file("distributed: {controller: {apiToken: a-long-enough-token}}");
        assertThatThrownBy(() -> load(token)).hasMessageContaining("distributed.controller.apiToken: read only from the environment variable ADO_TOKEN");
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of(), List.of("distributed.controller.store.password=x")))
                .hasMessageStartingWith("--set: distributed.controller.store.password: read only from the environment variable ADO_STORE_PASSWORD");
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of("ADO_DISTRIBUTED_CONTROLLER_POSTGRES_PASSWORD", "x"), List.of()))
                .hasMessage("environment variable ADO_DISTRIBUTED_CONTROLLER_POSTGRES_PASSWORD: distributed.controller.postgres.password: "
                        + "read only from the environment variable ADO_STORE_PASSWORD, never from a file or a flag");
        AdoConfig both = ConfigLoader.load(null, false, Map.of("ADO_STORE_PASSWORD", "new", "ADO_PG_PASSWORD", "s3cret-old"), List.of());
        assertThat(both.controller().store().password()).isEqualTo("new");
        AdoConfig old = ConfigLoader.load(null, false, Map.of("ADO_PG_PASSWORD", "s3cret-old"), List.of());
        assertThat(old.controller().store().password()).isEqualTo("s3cret-old");
        assertThat(old.controller().toConfigMap().toString()).doesNotContain("s3cret-old");
    }
}
