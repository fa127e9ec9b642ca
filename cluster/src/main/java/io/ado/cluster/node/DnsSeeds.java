package io.ado.cluster.node;

import io.ado.cluster.SeedAddress;
import io.ado.cluster.SeedResolver;
import io.ado.cluster.transport.Transport;
import io.ado.runtime.Backoff;
import java.io.IOException;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code host:port} seeds: while this node is connected to nobody, re-resolve them with
 * backoff and dial every address (a Kubernetes headless service lists one per ready pod, and
 * pods come and go). The handshake tells who answered; a dial that reaches this node itself
 * is refused there. Once connected, gossip takes over. Guarded by the node's lock.
 */
final class DnsSeeds {
    private static final Logger log = LoggerFactory.getLogger(DnsSeeds.class);

    private final List<SeedAddress> seeds;
    private final SeedResolver resolver;
    private final Backoff backoff;
    private long nextAt;
    private int attempts;

    DnsSeeds(List<SeedAddress> seeds, SeedResolver resolver, Backoff backoff) {
        this.seeds = seeds.stream().filter(SeedAddress::isDns).toList();
        this.resolver = resolver;
        this.backoff = backoff;
    }

    /** True when a round of DNS dials is due; schedules the next one. */
    boolean due(long now, boolean connected, RandomGenerator random) {
        if (seeds.isEmpty()) return false;
        if (connected) {
            attempts = 0;
            return false;
        }
        if (now < nextAt) return false;
        nextAt = now + backoff.delay(attempts++, random).toMillis();
        return true;
    }

    /** Resolves and dials; call outside the lock. */
    void dial(Transport transport) {
        for (SeedAddress s : seeds) {
            try {
                for (String addr : resolver.resolve(s.host())) transport.dial(addr, s.port(), null);
            } catch (IOException e) {
                log.debug("seed {} does not resolve yet: {}", s.host(), e.toString());
            }
        }
    }
}
