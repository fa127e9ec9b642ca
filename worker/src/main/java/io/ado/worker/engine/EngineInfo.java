package io.ado.worker.engine;

/** The engine that answered at {@code address}: its name ({@code Podman Engine}, {@code Engine} for Docker), version and API version. */
public record EngineInfo(EngineAddress address, String name, String version, String apiVersion) {
    public String describe() { return name + " " + version + " (API " + apiVersion + ") at " + address; }
}
