package io.ado.controller.spawner;

import java.nio.file.Path;

/** A worker process this spawner started: its id, pid and log file ({@code null} when output is discarded). */
public record SpawnedWorker(String id, long pid, Path log, Process process) {
    public boolean isAlive() { return process.isAlive(); }

    @Override
    public String toString() { return "SpawnedWorker[id=" + id + ", pid=" + pid + ", log=" + log + "]"; }
}
