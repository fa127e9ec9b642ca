package io.ado.cluster.transport;

import io.ado.runtime.ExitReason;

/** An {@link ExitReason} as plain data for the wire (a crash keeps class name and message, not the Throwable). */
public record WireReason(String kind, String detail, String errorClass) {

    public static WireReason of(ExitReason r) {
        return switch (r) {
            case ExitReason.Normal n -> new WireReason("normal", null, null);
            case ExitReason.Shutdown s -> new WireReason("shutdown", s.detail(), null);
            case ExitReason.Killed k -> new WireReason("killed", null, null);
            case ExitReason.NoProc p -> new WireReason("noproc", null, null);
            case ExitReason.NoConnection c -> new WireReason("noconnection", null, null);
            case ExitReason.Crash c -> new WireReason("crash", c.message(), c.errorClass());
            case ExitReason.Custom c -> new WireReason("custom", c.reason(), null);
        };
    }

    public ExitReason toExitReason() {
        return switch (kind == null ? "" : kind) {
            case "normal" -> ExitReason.NORMAL;
            case "shutdown" -> new ExitReason.Shutdown(detail);
            case "killed" -> ExitReason.KILLED;
            case "noproc" -> ExitReason.NOPROC;
            case "noconnection" -> ExitReason.NOCONNECTION;
            case "crash" -> new ExitReason.Crash(String.valueOf(errorClass), detail, null);
            default -> ExitReason.custom(detail == null ? String.valueOf(kind) : detail);
        };
    }
}
