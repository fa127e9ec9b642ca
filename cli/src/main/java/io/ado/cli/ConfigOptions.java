package io.ado.cli;

import io.ado.cli.config.AdoConfig;
import io.ado.cli.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config FILE} (default ./ado.config.yaml when present) and repeatable {@code --set key=value}. */
public final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default: ./ado.config.yaml if it exists)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one setting, e.g. distributed.controller.health.reconnectWindow=3s")
    List<String> sets = new ArrayList<>();

    public AdoConfig load() {
        Path file = config != null ? config : Path.of("ado.config.yaml");
        return ConfigLoader.load(file, config != null, System.getenv(), sets);
    }
}
