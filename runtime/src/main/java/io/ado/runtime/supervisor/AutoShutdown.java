package io.ado.runtime.supervisor;

/** Whether the supervisor stops itself when significant children exit on their own. */
public enum AutoShutdown {
    NEVER,
    /** When any significant child exits and is not restarted. */
    ANY_SIGNIFICANT,
    /** When the last running significant child exits and is not restarted. */
    ALL_SIGNIFICANT
}
