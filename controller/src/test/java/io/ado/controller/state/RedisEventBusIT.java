package io.ado.controller.state;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The EventBus contract on a real Redis (127.0.0.1:6379, or ADO_TEST_REDIS_URL); each test has its own channel prefix. */
class RedisEventBusIT extends EventBusContract {
    static final String URL = System.getenv().getOrDefault("ADO_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    private final String prefix = "ado-test-" + UUID.randomUUID() + ":";

    @Override EventBus newReplica() { return new RedisEventBus(URL, prefix); }

    @Test void anUnreachableRedisIsAClearStartupError() {
        assertThatThrownBy(() -> new RedisEventBus("redis://:secretpw@127.0.0.1:1", "x:"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot connect to Redis at redis://127.0.0.1:1")
                .hasMessageNotContaining("secretpw");
    }
}
