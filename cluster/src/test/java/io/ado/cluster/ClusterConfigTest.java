package io.ado.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClusterConfigTest {

    @Test
    void defaultsAreTheSeeds() {
        ClusterConfig c = ClusterConfig.builder("coordinator").build();
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(4369);
        assertThat(c.seeds()).isEmpty();
        assertThat(c.clusterSecret()).isNull();
        assertThat(c.heartbeatIntervalMs()).isEqualTo(5000);
        assertThat(c.heartbeatMissThreshold()).isEqualTo(3);
        assertThat(c.reconnectBaseDelayMs()).isEqualTo(1000);
        assertThat(c.reconnectMaxDelayMs()).isEqualTo(30000);
        assertThat(c.heartbeatTimeoutMs()).isEqualTo(15000);
    }

    @Test
    void everyFieldCanBeSet() {
        ClusterConfig c = ClusterConfig.builder("coordinator").host("127.0.0.1").port(0)
                .seeds("worker1@192.168.1.10:4369", "headless.svc:4369").clusterSecret("s3cret")
                .heartbeatIntervalMs(3000).heartbeatMissThreshold(2).reconnectBaseDelayMs(10).reconnectMaxDelayMs(20).build();
        assertThat(c.seeds()).containsExactly("worker1@192.168.1.10:4369", "headless.svc:4369");
        assertThat(c.heartbeatTimeoutMs()).isEqualTo(6000);
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void secretNeverPrinted() {
        ClusterConfig c = ClusterConfig.builder("n").clusterSecret("hunter2-very-secret").build();
        assertThat(c.toString()).doesNotContain("hunter2").contains("clusterSecret=***");
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertThatThrownBy(() -> ClusterConfig.builder("").build()).hasMessageContaining("nodeName");
        assertThatThrownBy(() -> ClusterConfig.builder("n").port(-1).build()).hasMessageContaining("port");
        assertThatThrownBy(() -> ClusterConfig.builder("n").heartbeatIntervalMs(0).build()).hasMessageContaining("heartbeatIntervalMs");
        assertThatThrownBy(() -> ClusterConfig.builder("n").heartbeatMissThreshold(0).build()).hasMessageContaining("heartbeatMissThreshold");
        assertThatThrownBy(() -> ClusterConfig.builder("n").reconnectBaseDelayMs(100).reconnectMaxDelayMs(50).build())
                .hasMessageContaining("reconnectMaxDelayMs");
        assertThatThrownBy(() -> ClusterConfig.builder("n").seeds("nonsense").build()).hasMessageContaining("seed 'nonsense'");
        assertThatThrownBy(() -> ClusterConfig.builder("n").clusterSecret("").build()).hasMessageContaining("clusterSecret");
    }
}
