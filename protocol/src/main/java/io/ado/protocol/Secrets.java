package io.ado.protocol;

/** How a secret shows in {@code toString} and logs: never its value. */
public final class Secrets {
    private Secrets() {}

    /** {@code none} when absent, else {@code ***}. */
    public static String mask(String secret) { return secret == null ? "none" : "***"; }
}
