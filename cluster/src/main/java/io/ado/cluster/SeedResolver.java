package io.ado.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the host of a {@code host:port} seed into addresses. The default asks DNS, where a
 * Kubernetes headless service answers with one address per pod; tests inject a fixed map.
 */
@FunctionalInterface
public interface SeedResolver {
    List<String> resolve(String host) throws UnknownHostException;

    SeedResolver DNS = host -> Arrays.stream(InetAddress.getAllByName(host)).map(InetAddress::getHostAddress).distinct().toList();
}
