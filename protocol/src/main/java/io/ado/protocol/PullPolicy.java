package io.ado.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** When a container task's worker pulls its image: {@code if-not-present} (the default), {@code always}, {@code never}. */
public enum PullPolicy {
    @JsonProperty("always") ALWAYS,
    @JsonProperty("if-not-present") IF_NOT_PRESENT,
    @JsonProperty("never") NEVER;

    public String wireName() { return name().toLowerCase().replace('_', '-'); }

    /** From the CLI's spelling; the reason names the flag's values. */
    public static PullPolicy parse(String s) {
        for (PullPolicy p : values()) if (p.wireName().equals(s)) return p;
        throw new IllegalArgumentException("pull: must be always, if-not-present or never, not '" + s + "'");
    }
}
