package io.ado.cli.config;

import io.ado.controller.ControllerSettings;
import io.ado.worker.ContainerSettings;
import java.util.List;
import java.util.Map;

/** The loaded configuration: controller settings, agent providers, and a worker's container engine settings. */
public record AdoConfig(ControllerSettings controller, Map<String, List<String>> agents, ContainerSettings container) {}
