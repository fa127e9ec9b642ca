package io.ado.controller.plane;

/**
 * Told what the control plane did once the batch that did it is committed (metrics). Called on
 * the plane's thread: an observer must be quick and must not block or call the plane.
 */
public interface PlaneObserver {
    PlaneObserver NONE = new PlaneObserver() {};

    /** A plan, planned at {@code now}, whose batch is now committed. */
    default void applied(Plan plan, long now) {}

    /** The state after a tick's rounds (and after a start). */
    default void snapshot(PlaneSnapshot snapshot) {}

    /** A batch commit took {@code nanos}. */
    default void committed(long nanos) {}
}
