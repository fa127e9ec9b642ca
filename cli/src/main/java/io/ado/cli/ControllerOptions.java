package io.ado.cli;

import io.ado.client.ApiClient;
import picocli.CommandLine.Option;

/** {@code --controller URL}, else {@code ADO_CONTROLLER}, else http://127.0.0.1:8080. */
public final class ControllerOptions {
    @Option(names = "--controller", paramLabel = "URL", description = "controller URL (default: $ADO_CONTROLLER or http://127.0.0.1:8080); several, comma-separated: the replicas of one controller")
    String controller;

    public String url() {
        if (controller != null) return controller;
        String env = System.getenv("ADO_CONTROLLER");
        return env != null && !env.isBlank() ? env : "http://127.0.0.1:8080";
    }

    /** Any replica serves the API: the client starts with the first URL of a list and moves on when one cannot be reached. */
    public ApiClient client() { return new ApiClient(url()); }
}
