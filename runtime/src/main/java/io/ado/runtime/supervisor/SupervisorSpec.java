package io.ado.runtime.supervisor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a supervisor needs to start: strategy, ordered children (or a template for
 * simple_one_for_one), restart intensity and auto-shutdown. Validated up front.
 *
 * @param name optional registered name for the supervisor process
 * @param listener optional subscriber for this supervisor's lifecycle events, attached
 *     before start so it also sees {@code supervisor_started}
 */
public record SupervisorSpec(
        Strategy strategy,
        List<ChildSpec> children,
        ChildSpec childTemplate,
        RestartIntensity intensity,
        AutoShutdown autoShutdown,
        String name,
        Consumer<SupervisorEvent> listener) {

    public SupervisorSpec {
        if (strategy == null) throw new IllegalArgumentException("supervisor spec: strategy must not be null");
        children = List.copyOf(children == null ? List.of() : children);
        if (intensity == null) intensity = RestartIntensity.DEFAULT;
        if (autoShutdown == null) autoShutdown = AutoShutdown.NEVER;
        Set<String> ids = new HashSet<>();
        for (ChildSpec c : children) {
            if (!ids.add(c.id())) throw new IllegalArgumentException("supervisor spec: duplicate child id '" + c.id() + "'");
        }
        if (strategy == Strategy.SIMPLE_ONE_FOR_ONE) {
            if (childTemplate == null) throw new IllegalArgumentException("supervisor spec: simple_one_for_one needs a childTemplate");
            if (!children.isEmpty()) throw new IllegalArgumentException("supervisor spec: simple_one_for_one takes no static children");
        } else if (childTemplate != null) {
            throw new IllegalArgumentException("supervisor spec: childTemplate is only for simple_one_for_one");
        }
    }

    public static Builder builder(Strategy strategy) { return new Builder(strategy); }

    /** Fluent construction; {@link #build()} validates. */
    public static final class Builder {
        private final Strategy strategy;
        private final List<ChildSpec> children = new ArrayList<>();
        private ChildSpec template;
        private RestartIntensity intensity = RestartIntensity.DEFAULT;
        private AutoShutdown autoShutdown = AutoShutdown.NEVER;
        private String name;
        private Consumer<SupervisorEvent> listener;

        private Builder(Strategy strategy) { this.strategy = strategy; }

        public Builder child(ChildSpec c) { children.add(c); return this; }
        public Builder childTemplate(ChildSpec t) { template = t; return this; }
        public Builder intensity(int maxRestarts, long withinMs) { intensity = new RestartIntensity(maxRestarts, withinMs); return this; }
        public Builder autoShutdown(AutoShutdown a) { autoShutdown = a; return this; }
        public Builder name(String n) { name = n; return this; }
        public Builder listener(Consumer<SupervisorEvent> l) { listener = l; return this; }

        public SupervisorSpec build() {
            return new SupervisorSpec(strategy, children, template, intensity, autoShutdown, name, listener);
        }
    }
}
