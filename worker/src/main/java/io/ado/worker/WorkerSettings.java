package io.ado.worker;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who this worker is and how it behaves. {@code capabilities} always include {@code shell} and
 * the configured agent names, so the controller can match tasks to them.
 */
public record WorkerSettings(List<URI> controllers, String workerId, String hostname, List<String> capabilities, int slots,
                             String accessMode, String provider, Map<String, List<String>> agents,
                             Duration backoffMin, Duration backoffMax, Duration drainTimeout, String token) {

    public WorkerSettings {
        if (controllers == null || controllers.isEmpty()) throw new IllegalArgumentException("controller: URL required");
        for (URI controller : controllers) {
            if (!List.of("http", "https").contains(controller.getScheme())) throw new IllegalArgumentException("controller: must be an http(s) URL, not " + controller);
        }
        controllers = List.copyOf(controllers);
        if (workerId == null || workerId.isBlank()) throw new IllegalArgumentException("workerId: must not be blank");
        if (slots < 1) throw new IllegalArgumentException("slots: must be at least 1");
        agents = Map.copyOf(agents);
        List<String> caps = new ArrayList<>(List.of("shell"));
        caps.addAll(agents.keySet());
        for (String c : capabilities) if (!caps.contains(c)) caps.add(c);
        capabilities = List.copyOf(caps);
    }

    public static WorkerSettings of(URI controller, String workerId, int slots) {
        return new WorkerSettings(List.of(controller), workerId, localHostname(), List.of(), slots, "api", null, Map.of(),
                Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30), null);
    }

    public WorkerSettings withAgents(Map<String, List<String>> a) {
        return new WorkerSettings(controllers, workerId, hostname, capabilities, slots, accessMode, provider, a, backoffMin, backoffMax, drainTimeout, token);
    }

    /** Headers for the connection: the API token when there is one. */
    public Map<String, String> headers() { return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token); }

    @Override
    public String toString() { return "WorkerSettings[" + workerId + " -> " + controllers + ", slots=" + slots + ", token=" + (token == null ? "none" : "***") + "]"; }

    /**
     * Parses {@code --controller} / {@code ADO_CONTROLLER}: one URL, or several separated by commas
     * (the replicas of one controller; the worker stays with whichever leads).
     */
    public static List<URI> parseControllers(String urls) {
        List<URI> out = new ArrayList<>();
        for (String u : urls.split(",")) if (!u.isBlank()) out.add(URI.create(u.trim()));
        return out;
    }

    /** The worker socket of the {@code i}-th controller URL (round robin). */
    public URI connectUri(int i) {
        URI controller = controllers.get(Math.floorMod(i, controllers.size()));
        String base = controller.toString().replaceFirst("^http", "ws").replaceAll("/+$", "");
        return URI.create(base + "/api/v1/workers/connect");
    }

    public static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
