package io.ado.worker;

/** How an attempt ended: an exit code, and an error when it did not end on its own (timeout, cancel, spawn failure). */
public record Outcome(Integer exitCode, String error) {
    public static Outcome exited(int code) { return new Outcome(code, null); }

    public static Outcome failed(String error, Integer code) { return new Outcome(code, error); }

    public boolean isFailure() { return error != null; }
}
