package io.ado.cluster.membership;

import io.ado.cluster.NodeId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one node knows of the cluster, as an immutable value: every method returns a new
 * {@code Membership} and nothing here reads a clock or touches a socket, so tests drive it
 * directly with scripted times. {@code left} remembers peers that said goodbye, so stale
 * gossip from a third node does not bring them back; they return by connecting themselves.
 */
public final class Membership {
    private final NodeId self;
    private final Map<NodeId, Member> members;
    private final Set<NodeId> left;

    private Membership(NodeId self, Map<NodeId, Member> members, Set<NodeId> left) {
        this.self = self;
        this.members = members;
        this.left = left;
    }

    public static Membership of(NodeId self) { return new Membership(Objects.requireNonNull(self), Map.of(), Set.of()); }

    public NodeId self() { return self; }

    public Optional<Member> get(NodeId id) { return Optional.ofNullable(members.get(id)); }

    public Collection<Member> members() { return members.values(); }

    public boolean isUp(NodeId id) { Member m = members.get(id); return m != null && m.isUp(); }

    public List<NodeId> upNodes() { return members.values().stream().filter(Member::isUp).map(Member::id).sorted().toList(); }

    /** Gossip merge: adds ids not yet known (never self, never a peer that left), dialable at once. */
    public Membership learn(Collection<NodeId> ids, long now) {
        Map<NodeId, Member> next = null;
        for (NodeId id : ids) {
            if (id.equals(self) || members.containsKey(id) || left.contains(id)) continue;
            if (next == null) next = new LinkedHashMap<>(members);
            next.put(id, Member.learned(id, now));
        }
        return next == null ? this : new Membership(self, Map.copyOf(next), left);
    }

    /** A dial to {@code id} has started. */
    public Membership connecting(NodeId id) {
        Member m = members.get(id);
        if (m == null || m.status() != NodeStatus.DISCONNECTED) return this;
        return with(m.withStatus(NodeStatus.CONNECTING));
    }

    /** A link to {@code id} is established: it counts as a fresh heartbeat. */
    public Membership up(NodeId id, long now) {
        if (id.equals(self)) return this;
        Member m = members.getOrDefault(id, Member.learned(id, now));
        Set<NodeId> stillLeft = left.contains(id) ? without(left, id) : left;
        return new Membership(self, put(m.up(now)), stillLeft);
    }

    public Membership heartbeat(NodeId id, long now, int processCount, long uptimeMs) {
        Member m = members.get(id);
        return m == null || !m.isUp() ? this : with(m.heartbeat(now, processCount, uptimeMs));
    }

    /** Down or dial failed: disconnected, next dial at {@code retryAt}. */
    public Membership disconnected(NodeId id, long retryAt) {
        Member m = members.get(id);
        return m == null ? this : with(m.retryAt(retryAt));
    }

    /** The peer left on purpose: forget it and ignore it in gossip until it connects again. */
    public Membership leave(NodeId id) {
        Map<NodeId, Member> next = new LinkedHashMap<>(members);
        next.remove(id);
        Set<NodeId> l = new HashSet<>(left);
        l.add(id);
        return new Membership(self, Map.copyOf(next), Set.copyOf(l));
    }

    /** Disconnected peers whose backoff has elapsed. */
    public List<NodeId> dueForDial(long now) {
        List<NodeId> due = new ArrayList<>();
        for (Member m : members.values()) {
            if (m.status() == NodeStatus.DISCONNECTED && m.nextDialAt() <= now) due.add(m.id());
        }
        due.sort(null);
        return due;
    }

    public boolean hasLeft(NodeId id) { return left.contains(id); }

    private Membership with(Member m) { return new Membership(self, put(m), left); }

    private Map<NodeId, Member> put(Member m) {
        Map<NodeId, Member> next = new LinkedHashMap<>(members);
        next.put(m.id(), m);
        return Map.copyOf(next);
    }

    private static Set<NodeId> without(Set<NodeId> s, NodeId id) {
        Set<NodeId> copy = new HashSet<>(s);
        copy.remove(id);
        return Set.copyOf(copy);
    }

    @Override
    public String toString() { return "Membership[self=" + self + ", members=" + members.values() + ", left=" + left + "]"; }
}
