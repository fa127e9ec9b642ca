/**
 * Which controller replica is the leader: a lease row in the shared store with a fencing
 * number that grows on every takeover. {@link io.ado.controller.lease.LeaseDecision} is the pure
 * rule; {@link io.ado.controller.lease.LeaderLease} applies it on a timer.
 */
package io.ado.controller.lease;
