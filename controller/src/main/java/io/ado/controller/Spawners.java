package io.ado.controller;

import io.ado.controller.scaling.ScalingSettings;
import io.ado.controller.spawner.LocalProcessSpawner;
import io.ado.controller.spawner.LocalWorkerSpawner;
import io.ado.controller.spawner.WorkerSpawner;
import java.util.List;

/** The spawner {@code scaling.spawner} names, when the caller did not bring its own. */
final class Spawners {
    /** The program's entry point, for local workers started from this JVM's classpath. */
    static final String MAIN = "io.ado.cli.Main";
    /** Small heaps: a worker mostly waits on its tasks' processes. */
    static final List<String> WORKER_JVM = List.of("-Xss512k", "-XX:+UseSerialGC", "-Xmx256m");

    private Spawners() {}

    static WorkerSpawner standard(ScalingSettings sc, String controllerUrl) {
        return switch (sc.spawner()) {
            case "local" -> new LocalProcessSpawner(LocalWorkerSpawner.thisJvm(WORKER_JVM, MAIN), sc.local(), controllerUrl, sc.pool());
            default -> throw new IllegalStateException("scaling.spawner " + sc.spawner() + ": not available in this build");
        };
    }
}
