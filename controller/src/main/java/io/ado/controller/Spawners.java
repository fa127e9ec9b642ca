package io.ado.controller;

import io.ado.controller.scaling.ScalingSettings;
import io.ado.controller.spawner.LocalProcessSpawner;
import io.ado.controller.spawner.LocalWorkerSpawner;
import io.ado.controller.spawner.WorkerSpawner;
import io.ado.controller.spawner.kubernetes.KubernetesWorkerSpawner;
import java.time.Clock;

/** The spawner {@code scaling.spawner} names, when the caller did not bring its own. */
final class Spawners {
    /** The program's entry point, for local workers started from this JVM's classpath. */
    static final String MAIN = "io.ado.cli.Main";

    private Spawners() {}

    static WorkerSpawner standard(ScalingSettings sc, String controllerUrl, Clock clock) {
        return switch (sc.spawner()) {
            case "local" -> new LocalProcessSpawner(LocalWorkerSpawner.thisJvm(LocalWorkerSpawner.WORKER_JVM, MAIN), sc.local(), controllerUrl, sc.pool());
            case "kubernetes" -> KubernetesWorkerSpawner.connect(sc.kubernetes(), sc.pool(), clock); // in-cluster config, else kubeconfig
            default -> throw new IllegalStateException("scaling.spawner " + sc.spawner() + ": not available in this build");
        };
    }
}
