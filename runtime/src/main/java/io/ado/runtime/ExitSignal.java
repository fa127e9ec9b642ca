package io.ado.runtime;

/** Delivered as an info message to a process that traps exits when a linked process exits. */
public record ExitSignal(ProcessRef from, ExitReason reason) {}
