package io.ado.runtime.supervisor;

/** When a child is restarted after it exits. */
public enum RestartType {
    /** Always. */
    PERMANENT,
    /** Only after an abnormal exit (not normal, not shutdown). */
    TRANSIENT,
    /** Never; the child is forgotten when it exits. */
    TEMPORARY
}
