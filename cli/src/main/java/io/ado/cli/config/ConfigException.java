package io.ado.cli.config;

/** A rejected configuration: names the source (file, env or flag), the key and the reason. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String source, String key, String reason) { super(source + ": " + key + ": " + reason); }
}
