package io.ado.controller.scaling;

/**
 * One scaling decision and its result so far, as seed 000's {@code {requested, spawned}} /
 * {@code {requested, terminated}}: {@code done} workers spawned (or terminated), {@code failed}
 * that could not be. Complete once every requested worker is accounted for.
 *
 * @param action {@code scale_up} or {@code scale_down}
 */
public record ScalingRecord(long seq, String action, int requested, int done, int failed, String reason, long at) {
    public boolean complete() { return done + failed >= requested; }

    ScalingRecord counted(boolean ok) { return new ScalingRecord(seq, action, requested, ok ? done + 1 : done, ok ? failed : failed + 1, reason, at); }
}
