package io.ado.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Behaviours by name, so a child spec can name what to run and another node can start it.
 * A factory is registered rather than an instance, so every process gets a fresh behaviour
 * object (behaviours may keep per-process fields).
 */
public final class BehaviorRegistry {
    private static final BehaviorRegistry GLOBAL = new BehaviorRegistry();

    private final Map<String, Supplier<? extends Behavior<?>>> factories = new ConcurrentHashMap<>();

    public static BehaviorRegistry global() { return GLOBAL; }

    /** Registers {@code name}; registering a taken name replaces it only if {@code replace}. */
    public void register(String name, Supplier<? extends Behavior<?>> factory) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("behavior name must not be blank");
        if (factories.putIfAbsent(name, factory) != null) {
            throw new IllegalStateException("behavior '" + name + "' is already registered");
        }
    }

    public void replace(String name, Supplier<? extends Behavior<?>> factory) { factories.put(name, factory); }

    public boolean unregister(String name) { return factories.remove(name) != null; }

    public boolean isRegistered(String name) { return factories.containsKey(name); }

    public Set<String> names() { return Set.copyOf(factories.keySet()); }

    public Optional<Behavior<?>> create(String name) {
        Supplier<? extends Behavior<?>> f = factories.get(name);
        return f == null ? Optional.empty() : Optional.of(f.get());
    }

    /** Like {@link #create} but fails with a message naming the missing behaviour. */
    public Behavior<?> require(String name) {
        return create(name).orElseThrow(() -> new UnknownBehaviorException(name));
    }
}
