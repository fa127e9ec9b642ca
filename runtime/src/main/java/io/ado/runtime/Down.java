package io.ado.runtime;

/** Delivered to a monitoring process when the monitored one exits (or already had). */
public record Down(MonitorRef monitor, ProcessRef process, ExitReason reason) {}
