package io.ado.controller;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Protected by default, as Redis's protected mode and Jupyter's token: a controller reachable
 * from other machines without an API token lets anyone who reaches the port run shell commands on
 * every worker. So a controller bound to a non-loopback address refuses to start without a token,
 * and a worker refuses to send its work over plain HTTP to a non-loopback controller without one,
 * unless the operator says {@code --insecure} (and is warned at every start).
 */
public final class ProtectedMode {
    private ProtectedMode() {}

    /** Whether {@code host} (a name or an address) is this machine's loopback only; an unresolvable name is not. */
    public static boolean loopback(String host) {
        if (host == null || host.isBlank()) return false;
        if (host.equals("localhost")) return true;
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Why a controller may not listen on {@code host}, or null when it may. */
    public static String controllerRefusal(String host, String apiToken, boolean insecure) {
        if (insecure || apiToken != null || loopback(host)) return null;
        return "refusing to listen on " + host + " without an API token: anyone who reaches the port could run commands on every worker."
                + " Set ADO_TOKEN (16+ characters) in the environment of the controller, the workers and the CLI, or pass --insecure";
    }

    /** Why a worker may not connect to {@code controller} holding no credential, or null when it may. */
    public static String workerRefusal(URI controller, boolean hasCredential, boolean insecure) {
        if (insecure || hasCredential || "https".equals(controller.getScheme()) || loopback(controller.getHost())) return null;
        return "refusing to connect to " + controller + " over plain HTTP without a token: set ADO_TOKEN or ADO_JOIN_TOKEN, or pass --insecure";
    }
}
