package io.ado.controller.spawner;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One worker to start: {@code ado worker --controller URL --id ID --slots N [--capability C]... [extraArgs]}.
 * {@code extraArgs} carries flags the spawner does not interpret (e.g. {@code --drain-timeout 3s}, {@code --config FILE}).
 */
public record WorkerSpec(String id, int slots, List<String> capabilities, String controllerUrl, List<String> extraArgs) {
    public WorkerSpec {
        Objects.requireNonNull(controllerUrl, "controllerUrl");
        if (id == null || !id.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("id: letters, digits, '.', '_' or '-' only, got '" + id + "'");
        if (slots < 1) throw new IllegalArgumentException("slots: must be at least 1");
        capabilities = List.copyOf(capabilities);
        extraArgs = List.copyOf(extraArgs);
    }

    public static WorkerSpec of(String id, int slots, String controllerUrl) { return new WorkerSpec(id, slots, List.of(), controllerUrl, List.of()); }

    public WorkerSpec withExtraArgs(List<String> args) { return new WorkerSpec(id, slots, capabilities, controllerUrl, args); }

    /** The words after the launcher's command: the {@code worker} subcommand and its flags. */
    List<String> arguments() {
        List<String> a = new ArrayList<>(List.of("worker", "--controller", controllerUrl, "--id", id, "--slots", Integer.toString(slots)));
        for (String c : capabilities) a.addAll(List.of("--capability", c));
        a.addAll(extraArgs);
        return a;
    }
}
