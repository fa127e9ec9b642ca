package io.ado.cli;

import io.ado.client.ApiClient;
import picocli.CommandLine.Option;

/** {@code --controller URL}, else {@code ADO_CONTROLLER}, else http://127.0.0.1:8080. */
public final class ControllerOptions {
    @Option(names = "--controller", paramLabel = "URL", description = "controller URL (default: $ADO_CONTROLLER or http://127.0.0.1:8080); a worker takes several, comma-separated")
    String controller;

    public String url() {
        if (controller != null) return controller;
        String env = System.getenv("ADO_CONTROLLER");
        return env != null && !env.isBlank() ? env : "http://127.0.0.1:8080";
    }

    /** Commands other than {@code worker} talk to the first URL of a list (any replica serves the API). */
    public ApiClient client() { return new ApiClient(url().split(",")[0].trim()); }
}
