package io.ado.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeIdTest {

    @Test
    void parsesAndFormatsRoundTrip() {
        NodeId id = NodeId.parse("worker-1@10.0.0.5:4370");
        assertThat(id).isEqualTo(new NodeId("worker-1", "10.0.0.5", 4370));
        assertThat(id.toString()).isEqualTo("worker-1@10.0.0.5:4370");
        assertThat(NodeId.parse("coordinator@cluster.example.com:4369").host()).isEqualTo("cluster.example.com");
    }

    @Test
    void ipv6HostsUseBrackets() {
        NodeId id = NodeId.parse("a@[::1]:4369");
        assertThat(id.host()).isEqualTo("::1");
        assertThat(id.toString()).isEqualTo("a@[::1]:4369");
        assertThat(NodeId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void rejectsBadInputNamingThePart() {
        assertThatThrownBy(() -> NodeId.parse("app1-192.168.1.1:4369")).hasMessageContaining("lacks '@'");
        assertThatThrownBy(() -> NodeId.parse("app1@host")).hasMessageContaining("lacks ':port'");
        assertThatThrownBy(() -> NodeId.parse("app1@host:http")).hasMessageContaining("non-numeric port");
        assertThatThrownBy(() -> NodeId.parse("app1@host:70000")).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> NodeId.parse("@host:1")).hasMessageContaining("node name");
        assertThatThrownBy(() -> NodeId.parse("a b@host:1")).hasMessageContaining("node name");
        assertThatThrownBy(() -> NodeId.parse("a@:1")).hasMessageContaining("host");
        assertThatThrownBy(() -> NodeId.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityAndOrderAreByAllParts() {
        assertThat(NodeId.parse("a@h:1")).isEqualTo(NodeId.parse("a@h:1")).hasSameHashCodeAs(NodeId.parse("a@h:1"));
        assertThat(NodeId.parse("a@h:1")).isNotEqualTo(NodeId.parse("a@h:2"));
        assertThat(NodeId.parse("a@h:2")).isLessThan(NodeId.parse("b@h:1"));
        assertThat(NodeId.parse("a@h:1")).isLessThan(NodeId.parse("a@h:2"));
    }

    @Test
    void seedAddressesAreNodeIdsOrDnsNames() {
        SeedAddress full = SeedAddress.parse("seed@10.0.0.1:4369");
        assertThat(full.isDns()).isFalse();
        assertThat(full.node()).isEqualTo(NodeId.parse("seed@10.0.0.1:4369"));
        SeedAddress dns = SeedAddress.parse("noex-cluster-headless.default.svc.cluster.local:4369");
        assertThat(dns.isDns()).isTrue();
        assertThat(dns.host()).isEqualTo("noex-cluster-headless.default.svc.cluster.local");
        assertThat(dns.port()).isEqualTo(4369);
        assertThatThrownBy(() -> SeedAddress.parse("justahost")).hasMessageContaining("name@host:port or host:port");
    }
}
