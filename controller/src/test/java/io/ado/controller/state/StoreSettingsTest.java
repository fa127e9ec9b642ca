package io.ado.controller.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoreSettingsTest {
    @Test
    void theEmbeddedDefaultAndAUrlAloneOrWithAnExplicitState() {
        assertThat(StoreSettings.EMBEDDED.isEmbedded()).isTrue();
        assertThat(StoreSettings.EMBEDDED.isRedis()).isFalse();
        StoreSettings implied = new StoreSettings(null, "jdbc:postgresql://db/ado", null, null, null, null, null);
        assertThat(implied.isPostgres()).isTrue();
        assertThat(implied.user()).isEqualTo("postgres");
        assertThat(implied.events()).isEqualTo("local");
        assertThat(implied.redisPrefix()).isEqualTo("ado:");
        assertThat(StoreSettings.postgres("jdbc:postgresql://db/ado", null, null)).isEqualTo(implied.withPassword(null).withState("postgres"));
        StoreSettings h2 = new StoreSettings(null, "jdbc:h2:mem:x", null, null, "local", null, null);
        assertThat(h2.isEmbedded()).isFalse();
        assertThat(h2.isPostgres()).isFalse();
    }

    @Test
    void eachBadFieldIsNamed() {
        assertThatThrownBy(() -> new StoreSettings("mysql", null, null, null, null, null, null)).hasMessage("state: must be embedded or postgres, got 'mysql'");
        assertThatThrownBy(() -> new StoreSettings(null, null, null, null, "kafka", null, null)).hasMessage("events: must be local or redis, got 'kafka'");
        assertThatThrownBy(() -> new StoreSettings("postgres", null, null, null, null, null, null)).hasMessage("url: required when state is postgres");
        assertThatThrownBy(() -> new StoreSettings("postgres", "jdbc:h2:mem:x", null, null, null, null, null))
                .hasMessage("url: must start with jdbc:postgresql:, got 'jdbc:h2:mem:x'");
        assertThatThrownBy(() -> new StoreSettings(null, "jdbc:mysql://x", null, null, null, null, null)).hasMessageStartingWith("url: must be a jdbc:postgresql: or jdbc:h2: URL");
        assertThatThrownBy(() -> new StoreSettings("embedded", "jdbc:postgresql://db/ado", null, null, null, null, null)).hasMessageStartingWith("url: leave it out");
        assertThatThrownBy(() -> new StoreSettings(null, null, null, null, "redis", null, null)).hasMessage("redisUrl: required when events is redis");
        assertThatThrownBy(() -> new StoreSettings(null, null, null, null, "redis", "http://x", null)).hasMessageStartingWith("redisUrl: must be redis://");
    }

    @Test
    void secretsAreRedactedEverywhereTheyAreShown() {
        StoreSettings s = StoreSettings.postgresAndRedis("jdbc:postgresql://db/ado", "ado", "hunter2", "redis://:pw@cache:6379", "x:");
        assertThat(s.toString()).doesNotContain("hunter2").doesNotContain(":pw@").contains("redis://********@cache:6379");
        assertThat(s.toConfigMap().toString()).doesNotContain("hunter2").doesNotContain(":pw@").contains("password=********");
        assertThat(StoreSettings.postgres("jdbc:postgresql://db/ado", "ado", "").toConfigMap()).doesNotContainKey("password");
    }
}
