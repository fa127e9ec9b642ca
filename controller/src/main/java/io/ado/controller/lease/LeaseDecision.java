package io.ado.controller.lease;

/** What one replica does with the lease row it just read (under a row lock). */
public sealed interface LeaseDecision {
    /** Take over: the previous holder's lease lapsed; the fencing number moves on so its writes fail from now on. */
    record Acquire(LeaseRow next) implements LeaseDecision {}

    /** Extend our own lease; same fencing number (nobody else wrote in between, even if it lapsed). */
    record Renew(LeaseRow next) implements LeaseDecision {}

    /** Someone else holds a live lease: be a standby and point clients at {@code leaderUrl}. */
    record Follow(String leaderUrl) implements LeaseDecision {}

    /**
     * The rule, a function of the row and the time only.
     *
     * @param me this replica's id (unique per process, so a restart on the same URL is a new holder)
     */
    static LeaseDecision decide(LeaseRow row, String me, String myUrl, long now, long ttlMs) {
        if (row.holder().equals(me)) return new Renew(new LeaseRow(me, myUrl, row.fencing(), now + ttlMs));
        if (row.expiresAt() <= now) return new Acquire(new LeaseRow(me, myUrl, row.fencing() + 1, now + ttlMs));
        return new Follow(row.url());
    }
}
