package io.ado.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.controller.spawner.kubernetes.KubernetesSpawnerSettings;
import io.ado.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir Path dir;

    Path file(String yaml) throws Exception {
        Path f = dir.resolve("ado.config.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void seedKeysLoadWithMillisecondsOrUnits() throws Exception {
        Path f = file("""
                distributed:
                  controller:
                    registry: {cleanupInterval: 60000, staleThreshold: 300000}
                    health:
                      heartbeatInterval: 1s
                      timeoutThreshold: 5000
                      unhealthyGracePeriod: 2m
                    loadBalancer: {strategy: weighted_round_robin, rebalanceInterval: 30000, maxTasksPerWorker: 7}
                    scaling: {enabled: false, minWorkers: 1, maxWorkers: 9, scaleUpQueueThreshold: 10,
                              scaleUpUtilizationThreshold: 80, scaleDownUtilizationThreshold: 20, scaleDownDelay: 300000, cooldownPeriod: 60000}
                agents:
                  claude-code: [claude, -p, "{prompt}"]
                """);
        AdoConfig c = ConfigLoader.load(f, true, Map.of(), List.of());
        assertThat(c.controller().health().heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.controller().health().timeoutThreshold()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.controller().health().unhealthyGracePeriod()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.controller().loadBalancer().maxTasksPerWorker()).isEqualTo(7);
        assertThat(c.controller().scaling().enabled()).isFalse();
        assertThat(c.agents()).containsEntry("claude-code", List.of("claude", "-p", "{prompt}"));
    }

    @Test
    void envThenFlagsOverrideTheFile() throws Exception {
        Path f = file("distributed: {controller: {health: {reconnectWindow: 5s}, port: 9000}}");
        AdoConfig c = ConfigLoader.load(f, true, Map.of("ADO_DISTRIBUTED_CONTROLLER_HEALTH_RECONNECTWINDOW", "3s", "HOME", "/x"),
                List.of("distributed.controller.port=9100"));
        assertThat(c.controller().health().reconnectWindow()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.controller().port()).isEqualTo(9100);
    }

    @Test
    void unknownKeysAndBadValuesNameFileKeyAndReason() throws Exception {
        Path typo = file("distributed: {controller: {helth: {heartbeatInterval: 1000}}}");
        assertThatThrownBy(() -> ConfigLoader.load(typo, true, Map.of(), List.of()))
                .isInstanceOf(ConfigException.class).hasMessage(typo + ": distributed.controller.helth: unknown key");
        Path bad = file("distributed: {controller: {health: {timeoutThreshold: soon}}}");
        assertThatThrownBy(() -> ConfigLoader.load(bad, true, Map.of(), List.of()))
                .hasMessageStartingWith(bad + ": distributed.controller.health.timeoutThreshold: must be a duration");
        Path incoherent = file("distributed: {controller: {health: {heartbeatInterval: 40s}}}");
        assertThatThrownBy(() -> ConfigLoader.load(incoherent, true, Map.of(), List.of()))
                .hasMessageContaining("distributed.controller.health.timeoutThreshold: must be longer than heartbeatInterval");
        Path zero = file("distributed: {controller: {registry: {cleanupInterval: 0}}}");
        assertThatThrownBy(() -> ConfigLoader.load(zero, true, Map.of(), List.of()))
                .hasMessage(zero + ": distributed.controller.registry.cleanupInterval: must be positive");
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of("ADO_DISTRIBUTED_CONTROLLER_NOPE", "1"), List.of()))
                .hasMessage("environment: ADO_DISTRIBUTED_CONTROLLER_NOPE: unknown setting");
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of(), List.of("distributed.controller.port=abc")))
                .hasMessage("--set: distributed.controller.port: must be a whole number, got 'abc'");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), true, Map.of(), List.of())).hasMessageContaining("does not exist");
        Path agent = file("agents: {claude-code: claude}");
        assertThatThrownBy(() -> ConfigLoader.load(agent, true, Map.of(), List.of())).hasMessageContaining("agents.claude-code: must be a non-empty list");
    }

    @Test
    void mapSettingsKeepKeysWithDots() throws Exception {
        Path f = file("""
                distributed:
                  controller:
                    scaling:
                      kubernetes:
                        nodeSelector: {kubernetes.io/arch: amd64, disktype: ssd}
                        labels: {team.example.com/owner: infra}
                        env: {JAVA_TOOL_OPTIONS: "-Xss1m"}
                """);
        KubernetesSpawnerSettings k = ConfigLoader.load(f, true, Map.of(), List.of()).controller().scaling().kubernetes();
        assertThat(k.nodeSelector()).isEqualTo(Map.of("kubernetes.io/arch", "amd64", "disktype", "ssd"));
        assertThat(k.labels()).isEqualTo(Map.of("team.example.com/owner", "infra"));
        assertThat(k.env()).isEqualTo(Map.of("JAVA_TOOL_OPTIONS", "-Xss1m"));
        Path notAMap = file("distributed: {controller: {scaling: {kubernetes: {nodeSelector: ssd}}}}");
        assertThatThrownBy(() -> ConfigLoader.load(notAMap, true, Map.of(), List.of()))
                .hasMessageContaining("distributed.controller.scaling.kubernetes.nodeSelector");
    }

    @Test
    void storeUrlFromTheFileAndPasswordOnlyFromTheEnvironment() throws Exception {
        Path f = file("distributed: {controller: {store: {url: \"jdbc:postgresql://db:5432/ado\", user: ado}}}");
        AdoConfig c = ConfigLoader.load(f, true, Map.of(ConfigLoader.STORE_PASSWORD_ENV, "s3cret"), List.of());
        assertThat(c.controller().store().url()).isEqualTo("jdbc:postgresql://db:5432/ado");
        assertThat(c.controller().store().password()).isEqualTo("s3cret");
        assertThat(c.controller().toString()).doesNotContain("s3cret");
        assertThat(c.controller().toConfigMap().toString()).doesNotContain("s3cret");
        Path mysql = file("distributed: {controller: {store: {url: \"jdbc:mysql://x\"}}}");
        assertThatThrownBy(() -> ConfigLoader.load(mysql, true, Map.of(), List.of())).hasMessageContaining("distributed.controller.store.url: must be a jdbc:postgresql:");
    }

    @Test
    void apiTokenComesFromTheEnvironmentAndIsNeverShown() {
        AdoConfig c = ConfigLoader.load(null, false, Map.of("ADO_TOKEN", "a-long-enough-token"), List.of());
        assertThat(c.controller().apiToken()).isEqualTo("a-long-enough-token");
        assertThat(c.controller().toString()).doesNotContain("a-long-enough-token");
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of("ADO_TOKEN", "short"), List.of()))
                .hasMessage("defaults: ADO_TOKEN: must be at least 16 characters");
    }

    @Test
    void noFileMeansSeedDefaults() {
        AdoConfig c = ConfigLoader.load(dir.resolve("absent.yaml"), false, Map.of(), List.of());
        assertThat(c.controller().health().heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.controller().health().timeoutThreshold()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.controller().port()).isEqualTo(8080);
    }

    @Test
    void backendsFromFileAndShortEnvNamesWithThePasswordRedacted() throws Exception {
        Path f = file("""
                distributed:
                  controller:
                    state: postgres
                    postgres: {url: "jdbc:postgresql://db:5432/ado", user: ado}
                    events: redis
                    redis: {url: "redis://cache:6379"}
                """);
        AdoConfig c = ConfigLoader.load(f, true, Map.of("ADO_PG_PASSWORD", "s3cret", "ADO_REDIS_URL", "redis://:pw@cache2:6379"), List.of());
        var b = c.controller().backends();
        assertThat(b.isPostgres()).isTrue();
        assertThat(b.postgresUrl()).isEqualTo("jdbc:postgresql://db:5432/ado");
        assertThat(b.postgresUser()).isEqualTo("ado");
        assertThat(b.postgresPassword()).isEqualTo("s3cret");
        assertThat(b.redisUrl()).isEqualTo("redis://:pw@cache2:6379");
        String shown = Json.write(c.controller().toConfigMap()) + b;
        assertThat(shown).doesNotContain("s3cret").doesNotContain(":pw@").contains("********");
    }

    @Test
    void badBackendValuesNameTheKey() throws Exception {
        Path state = file("distributed: {controller: {state: mysql}}");
        assertThatThrownBy(() -> ConfigLoader.load(state, true, Map.of(), List.of()))
                .hasMessage(state + ": distributed.controller.state: must be embedded or postgres, got 'mysql'");
        Path events = file("distributed: {controller: {events: kafka}}");
        assertThatThrownBy(() -> ConfigLoader.load(events, true, Map.of(), List.of()))
                .hasMessage(events + ": distributed.controller.events: must be local or redis, got 'kafka'");
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of(), List.of("distributed.controller.state=postgres")))
                .hasMessageContaining("distributed.controller.postgres.url: required when state is postgres");
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of("ADO_PG_URL", "postgres://x"), List.of("distributed.controller.state=postgres")))
                .hasMessageContaining("environment variable ADO_PG_URL: distributed.controller.postgres.url: must start with jdbc:postgresql:");
    }
}
