package io.ado.runtime;

/**
 * Address of a process: the node it lives on and an id never reused on that node, so a
 * restarted child gets a new ref and a stale ref cannot reach its successor.
 */
public record ProcessRef(String node, long id) {
    public ProcessRef {
        if (node == null || node.isBlank()) throw new IllegalArgumentException("node must not be blank");
        if (id <= 0) throw new IllegalArgumentException("id must be positive: " + id);
    }

    @Override public String toString() { return "<" + node + "." + id + ">"; }
}
