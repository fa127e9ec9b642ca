package io.ado.worker;

import io.ado.protocol.Secrets;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who this worker is and how it behaves. {@code capabilities} always include {@code shell} and
 * the configured agent names, so the controller can match tasks to them. {@code token} is the API
 * token ({@code ADO_TOKEN}), {@code joinToken} a single-use join token minted for this worker id
 * ({@code ADO_JOIN_TOKEN}); either may be null, neither is ever shown by {@link #toString}.
 */
public record WorkerSettings(List<URI> controllers, String workerId, String hostname, List<String> capabilities, int slots,
                             String accessMode, String provider, Map<String, List<String>> agents,
                             Duration backoffMin, Duration backoffMax, Duration drainTimeout, String token, String joinToken) {

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
        if (token != null && token.isEmpty()) token = null;
        if (joinToken != null && joinToken.isEmpty()) joinToken = null;
    }

    public static WorkerSettings of(URI controller, String workerId, int slots) {
        return new WorkerSettings(List.of(controller), workerId, localHostname(), List.of(), slots, "api", null, Map.of(),
                Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30), null, null);
    }

    public WorkerSettings withAgents(Map<String, List<String>> a) {
        return new WorkerSettings(controllers, workerId, hostname, capabilities, slots, accessMode, provider, a, backoffMin, backoffMax, drainTimeout, token, joinToken);
    }

    public WorkerSettings withJoinToken(String t) {
        return new WorkerSettings(controllers, workerId, hostname, capabilities, slots, accessMode, provider, agents, backoffMin, backoffMax, drainTimeout, token, t);
    }

    /**
     * Headers for the connection: the API token when there is one; else the join token, which lets
     * the worker socket open (the controller checks it, or the reconnect credential, at register).
     */
    public Map<String, String> headers() {
        String bearer = token != null ? token : joinToken;
        return bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer);
    }

    @Override
    public String toString() {
        return "WorkerSettings[" + workerId + " -> " + controllers + ", slots=" + slots + ", token=" + Secrets.mask(token)
                + ", joinToken=" + Secrets.mask(joinToken) + "]";
    }

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
