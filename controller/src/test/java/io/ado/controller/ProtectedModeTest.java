package io.ado.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ProtectedModeTest {
    @Test
    void aControllerOnANonLoopbackAddressNeedsATokenOrInsecure() {
        assertThat(ProtectedMode.controllerRefusal("127.0.0.1", null, false)).isNull();
        assertThat(ProtectedMode.controllerRefusal("localhost", null, false)).isNull();
        assertThat(ProtectedMode.controllerRefusal("::1", null, false)).isNull();
        assertThat(ProtectedMode.controllerRefusal("0.0.0.0", null, false)).contains("refusing to listen on 0.0.0.0 without an API token").contains("--insecure");
        assertThat(ProtectedMode.controllerRefusal("10.1.2.3", null, false)).isNotNull();
        assertThat(ProtectedMode.controllerRefusal("0.0.0.0", "a-token-of-sixteen+", false)).isNull();
        assertThat(ProtectedMode.controllerRefusal("0.0.0.0", null, true)).isNull();
    }

    @Test
    void aWorkerSendsNoWorkOverPlainHttpToAnotherMachineWithoutACredential() {
        assertThat(ProtectedMode.workerRefusal(URI.create("http://127.0.0.1:8080"), false, false)).isNull();
        assertThat(ProtectedMode.workerRefusal(URI.create("http://ctl.example:8080"), false, false)).contains("refusing to connect to http://ctl.example:8080");
        assertThat(ProtectedMode.workerRefusal(URI.create("https://ctl.example:8080"), false, false)).isNull();
        assertThat(ProtectedMode.workerRefusal(URI.create("http://10.0.0.1:8080"), true, false)).isNull();
        assertThat(ProtectedMode.workerRefusal(URI.create("http://10.0.0.1:8080"), false, true)).isNull();
    }
}
