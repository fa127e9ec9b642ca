package io.ado.cli.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import io.ado.controller.ControllerSettings;
import io.ado.worker.ContainerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shape of {@code ado.config.yaml}: {@code distributed.controller} (the settings records), {@code agents} and {@code worker.container}. */
record ConfigFile(Distributed distributed, Map<String, AgentCommand> agents, Worker worker) {

    record Distributed(ControllerSettings controller) {}

    /** A worker's own settings: its container engine. */
    record Worker(ContainerSettings container) {}

    /** An agent provider's command words, e.g. {@code [claude, -p, "{prompt}"]}. */
    record AgentCommand(List<String> argv) {
        /** From the YAML value as it is: anything but a non-empty list of strings is refused with one message. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static AgentCommand of(JsonNode v) {
            if (!v.isArray() || v.isEmpty()) throw new IllegalArgumentException("must be a non-empty list of command words, e.g. [claude, -p, \"{prompt}\"]");
            List<String> argv = new ArrayList<>();
            v.forEach(w -> {
                if (!w.isValueNode() || w.isNull()) throw new IllegalArgumentException("command words must be strings");
                argv.add(w.asText());
            });
            return new AgentCommand(List.copyOf(argv));
        }
    }
}
