package io.ado.worker;

import io.ado.protocol.AttemptRef;
import io.ado.worker.engine.ContainerSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which of this worker's containers are orphans (as Nomad's docker driver reconciles dangling
 * containers): labelled with the worker's id, of an attempt the worker does not hold, and older
 * than the creation grace, so one being set up right now, or reattached, is left alone. One not
 * old enough yet is looked at again when it will be. Pure: the sweeper does the I/O.
 */
final class OrphanSweep {
    private OrphanSweep() {}

    /** {@code remove}: container ids; {@code recheckAt}: when a spared one leaves its grace, or null. */
    record Plan(List<String> remove, Instant recheckAt) {
        Plan { remove = List.copyOf(remove); }
    }

    /**
     * {@code containers} must be listed before {@code held} was read: an attempt is held before its
     * container is created and until after it is removed, so a listed container of a live attempt
     * is always among the held.
     */
    static Plan plan(Collection<ContainerSummary> containers, Set<AttemptRef> held, Instant now, Duration creationGrace) {
        List<String> remove = new ArrayList<>();
        Instant recheck = null;
        for (ContainerSummary c : containers) {
            AttemptRef attempt = attemptOf(c);
            if (attempt != null && held.contains(attempt)) continue;
            Instant oldEnough = c.created().plus(creationGrace);
            if (now.isBefore(oldEnough)) {
                if (recheck == null || oldEnough.isBefore(recheck)) recheck = oldEnough;
                continue;
            }
            remove.add(c.id());
        }
        return new Plan(remove, recheck);
    }

    /** The attempt a container's labels name, or null when they name none (then it is nobody's, so an orphan). */
    static AttemptRef attemptOf(ContainerSummary c) {
        String task = c.labels().get(ContainerRuntime.TASK_LABEL);
        String attempt = c.labels().get(ContainerRuntime.ATTEMPT_LABEL);
        if (task == null || attempt == null || !attempt.matches("\\d{1,9}")) return null;
        return new AttemptRef(task, Integer.parseInt(attempt));
    }
}
