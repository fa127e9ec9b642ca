package io.ado.cli.config;

import io.ado.controller.ControllerSettings;
import java.util.List;
import java.util.Map;

/** The loaded configuration: controller settings, agent providers, and the effective values for the admin API. */
public record AdoConfig(ControllerSettings controller, Map<String, List<String>> agents) {}
