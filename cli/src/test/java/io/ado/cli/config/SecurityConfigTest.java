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

/** {@code distributed.controller.security.joinTokenTtl}: the default TTL of a join token, from every source, checked. */
class SecurityConfigTest {
    @TempDir Path dir;

    @Test
    void joinTokenTtlDefaultsToAnHourAndIsSetFromTheFileTheEnvironmentOrAFlag() throws Exception {
        assertThat(ConfigLoader.load(null, false, Map.of(), List.of()).controller().plane().security().joinTokenTtl()).isEqualTo(Duration.ofHours(1));
        Path f = dir.resolve("ado.config.yaml");
        Files.writeString(f, "distributed: {controller: {security: {joinTokenTtl: 15m}}}");
        assertThat(ConfigLoader.load(f, true, Map.of(), List.of()).controller().security().joinTokenTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(ConfigLoader.load(null, false, Map.of("ADO_DISTRIBUTED_CONTROLLER_SECURITY_JOINTOKENTTL", "2h"), List.of())
                .controller().security().joinTokenTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(ConfigLoader.load(null, false, Map.of(), List.of("distributed.controller.security.joinTokenTtl=90000"))
                .controller().security().joinTokenTtl()).isEqualTo(Duration.ofSeconds(90));
        assertThat(ConfigLoader.load(null, false, Map.of(), List.of()).controller().toConfigMap().toString()).contains("security={joinTokenTtl=3600000}");
    }

    @Test
    void aTtlOutOfRangeOrOfTheWrongTypeIsRefusedNamingTheKey() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(null, false, Map.of(), List.of("distributed.controller.security.joinTokenTtl=500ms")))
                .hasMessage("--set: distributed.controller.security.joinTokenTtl: must be 1s to 30 days");
        Path f = dir.resolve("ado.config.yaml");
        Files.writeString(f, "distributed: {controller: {security: {joinTokenTtl: [1h]}}}");
        assertThatThrownBy(() -> ConfigLoader.load(f, true, Map.of(), List.of()))
                .hasMessageStartingWith(f + ": distributed.controller.security.joinTokenTtl: must be a duration");
        Files.writeString(f, "distributed: {controller: {security: {ttl: 1h}}}");
        assertThatThrownBy(() -> ConfigLoader.load(f, true, Map.of(), List.of())).hasMessage(f + ": distributed.controller.security.ttl: unknown key");
    }
}
