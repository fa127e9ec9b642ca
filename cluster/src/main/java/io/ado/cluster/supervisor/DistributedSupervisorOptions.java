package io.ado.cluster.supervisor;

import io.ado.runtime.BehaviorRegistry;
import io.ado.runtime.supervisor.AutoShutdown;
import io.ado.runtime.supervisor.RestartIntensity;
import io.ado.runtime.supervisor.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * {@code DistributedSupervisor.start(options)} as seed 002 spells it, validated up front.
 *
 * @param random drives the {@code random} selector; inject a seeded one in tests
 */
public record DistributedSupervisorOptions(
        Strategy strategy,
        List<DistributedChildSpec> children,
        DistributedChildSpec childTemplate,
        NodeSelector nodeSelector,
        RestartIntensity restartIntensity,
        AutoShutdown autoShutdown,
        String name,
        Consumer<DistributedSupervisorEvent> listener,
        BehaviorRegistry registry,
        Duration spawnTimeout,
        RandomGenerator random) {

    public DistributedSupervisorOptions {
        if (strategy == null) strategy = Strategy.ONE_FOR_ONE;
        children = List.copyOf(children == null ? List.of() : children);
        if (nodeSelector == null) nodeSelector = NodeSelector.LOCAL_FIRST;
        if (restartIntensity == null) restartIntensity = RestartIntensity.DEFAULT;
        if (autoShutdown == null) autoShutdown = AutoShutdown.NEVER;
        if (registry == null) registry = BehaviorRegistry.global();
        if (spawnTimeout == null) spawnTimeout = RemoteSpawn.DEFAULT_TIMEOUT;
        if (random == null) random = RandomGenerator.getDefault();
        Set<String> ids = new HashSet<>();
        for (DistributedChildSpec c : children) {
            if (!ids.add(c.id())) throw new IllegalArgumentException("distributed supervisor: duplicate child id '" + c.id() + "'");
        }
        if (strategy == Strategy.SIMPLE_ONE_FOR_ONE) {
            if (childTemplate == null) throw new IllegalArgumentException("distributed supervisor: simple_one_for_one needs a childTemplate");
            if (!children.isEmpty()) throw new IllegalArgumentException("distributed supervisor: simple_one_for_one takes no static children");
        } else if (childTemplate != null) {
            throw new IllegalArgumentException("distributed supervisor: childTemplate is only for simple_one_for_one");
        }
    }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private Strategy strategy = Strategy.ONE_FOR_ONE;
        private final List<DistributedChildSpec> children = new ArrayList<>();
        private DistributedChildSpec template;
        private NodeSelector selector;
        private RestartIntensity intensity;
        private AutoShutdown autoShutdown;
        private String name;
        private Consumer<DistributedSupervisorEvent> listener;
        private BehaviorRegistry registry;
        private Duration spawnTimeout;
        private RandomGenerator random;

        public Builder strategy(Strategy s) { strategy = s; return this; }
        public Builder child(DistributedChildSpec c) { children.add(c); return this; }
        public Builder childTemplate(DistributedChildSpec t) { template = t; return this; }
        public Builder nodeSelector(NodeSelector s) { selector = s; return this; }
        public Builder restartIntensity(int maxRestarts, long withinMs) { intensity = new RestartIntensity(maxRestarts, withinMs); return this; }
        public Builder autoShutdown(AutoShutdown a) { autoShutdown = a; return this; }
        public Builder name(String n) { name = n; return this; }
        public Builder listener(Consumer<DistributedSupervisorEvent> l) { listener = l; return this; }
        public Builder registry(BehaviorRegistry r) { registry = r; return this; }
        public Builder spawnTimeout(Duration t) { spawnTimeout = t; return this; }
        public Builder random(RandomGenerator r) { random = r; return this; }

        public DistributedSupervisorOptions build() {
            return new DistributedSupervisorOptions(strategy, children, template, selector, intensity, autoShutdown, name,
                    listener, registry, spawnTimeout, random);
        }
    }
}
