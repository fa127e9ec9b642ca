package io.ado.controller.spawner.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.controller.spawner.SpawnException;
import io.ado.controller.spawner.SpawnRequest;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The spawner without an API server to talk to: what it refuses up front, and what an unreachable server looks like. */
class KubernetesWorkerSpawnerTest {
    /** From an empty configuration: no kubeconfig or service account of this machine leaks in. */
    static KubernetesClient client(String url, String namespace) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace(namespace)
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(2000).build()).build();
    }

    @Test
    void anUnreachableApiServerIsNamedInTheErrorWithoutTheToken() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { port = s.getLocalPort(); } // closed: nobody listens
        try (KubernetesWorkerSpawner sp = new KubernetesWorkerSpawner(client("http://127.0.0.1:" + port, "ado"),
                KubernetesWorkerSpawnerMockTest.settings(), "blue", Clock.systemUTC())) {
            assertThat(sp.namespace()).isEqualTo("ado");
            assertThatThrownBy(sp::list).isInstanceOf(SpawnException.class)
                    .hasMessageStartingWith("cannot list the worker pods of pool blue in namespace ado: ").hasMessageContaining("ConnectException");
            assertThatThrownBy(() -> sp.spawn(new SpawnRequest("w-1", KubernetesWorkerSpawnerMockTest.TOKEN, "blue"))).isInstanceOf(SpawnException.class)
                    .hasMessageStartingWith("cannot create pod w-1 in namespace ado: ").hasMessageNotContaining(KubernetesWorkerSpawnerMockTest.TOKEN);
        }
    }

    @Test
    void withoutANamespaceAnywhereItRefusesToStart() {
        KubernetesClient c = client("http://127.0.0.1:1", null);
        try {
            assertThatThrownBy(() -> new KubernetesWorkerSpawner(c, KubernetesWorkerSpawnerMockTest.settings(), "blue", Clock.systemUTC()))
                    .hasMessageStartingWith("scaling.kubernetes.namespace: not set");
        } finally {
            c.close();
        }
    }
}
