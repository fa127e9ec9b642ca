package io.ado.runtime;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A node's registered names (Erlang's {@code register}/{@code whereis}): one name per live local process. */
final class Names {
    private final ProcessTable table;
    private final ConcurrentHashMap<String, ProcessRef> names = new ConcurrentHashMap<>();

    Names(ProcessTable table) { this.table = table; }

    void register(String name, ProcessRef ref) {
        if (!table.isLocal(ref)) {
            throw new IllegalArgumentException("names are node-local: cannot register " + ref + " of another node on " + table.node());
        }
        ProcessCell<?> cell = table.cell(ref);
        if (cell == null || cell.isDead()) throw new ProcessExitException(ref, ExitReason.NOPROC);
        register(name, cell);
    }

    void register(String name, ProcessCell<?> cell) {
        Objects.requireNonNull(name, "name");
        synchronized (cell) {
            if (cell.registeredName != null) {
                throw new IllegalStateException(cell.ref + " is already registered as '" + cell.registeredName + "'");
            }
            ProcessRef prev = names.putIfAbsent(name, cell.ref);
            if (prev != null) throw new NameTakenException(name, prev);
            cell.registeredName = name;
        }
        if (cell.isDead()) names.remove(name, cell.ref); // died while registering
    }

    boolean unregister(String name) {
        ProcessRef ref = names.remove(name);
        if (ref == null) return false;
        ProcessCell<?> cell = table.cell(ref);
        if (cell != null) synchronized (cell) { if (name.equals(cell.registeredName)) cell.registeredName = null; }
        return true;
    }

    Optional<ProcessRef> whereis(String name) { return Optional.ofNullable(names.get(name)); }

    ProcessRef resolve(String name) {
        ProcessRef ref = names.get(name);
        if (ref == null) throw new NoSuchNameException(name);
        return ref;
    }

    /** A dead process's name is free again. */
    void forget(ProcessCell<?> cell) {
        String name = cell.registeredName;
        if (name != null) names.remove(name, cell.ref);
    }
}
