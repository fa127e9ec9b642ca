package io.ado.worker;

import io.ado.protocol.AttemptRef;
import io.ado.worker.engine.ContainerSummary;
import io.ado.worker.engine.DockerEngine;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes this worker's orphan containers ({@link OrphanSweep}): at start-up, then every sweep
 * interval, and sooner when a spared container leaves its creation grace. A worker that was
 * killed and restarted holds none of its old attempts, so their containers go.
 */
public final class OrphanSweeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

    private final DockerEngine engine;
    private final String workerId;
    private final Supplier<? extends Collection<AttemptRef>> held;
    private final Clock clock;
    private final ContainerSettings settings;
    private final ScheduledExecutorService timer;

    public OrphanSweeper(DockerEngine engine, String workerId, Supplier<? extends Collection<AttemptRef>> held, Clock clock, ContainerSettings settings) {
        this.engine = engine;
        this.workerId = workerId;
        this.held = held;
        this.clock = clock;
        this.settings = settings;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("orphan-sweep").factory());
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    /** The first sweep now, the next ones on the timer. */
    public OrphanSweeper start() {
        timer.execute(this::sweepAndReschedule);
        return this;
    }

    private void sweepAndReschedule() {
        Instant next = clock.instant().plus(settings.sweepInterval());
        try {
            OrphanSweep.Plan plan = sweepOnce();
            if (plan.recheckAt() != null && plan.recheckAt().isBefore(next)) next = plan.recheckAt();
        } catch (IOException | RuntimeException e) {
            log.warn("worker {}: orphan container sweep failed: {}", workerId, e.getMessage());
        }
        long delay = Math.max(0, Duration.between(clock.instant(), next).toMillis());
        try {
            timer.schedule(this::sweepAndReschedule, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** One sweep: lists this worker's containers, then reads the held attempts (in that order), removes the orphans. */
    public OrphanSweep.Plan sweepOnce() throws IOException {
        List<ContainerSummary> mine = engine.list(Map.of(ContainerRuntime.WORKER_LABEL, workerId));
        OrphanSweep.Plan plan = OrphanSweep.plan(mine, Set.copyOf(held.get()), clock.instant(), settings.creationGrace());
        for (String id : plan.remove()) {
            try {
                engine.remove(id);
                log.info("worker {}: removed orphan container {} ({})", workerId, id.substring(0, Math.min(12, id.length())),
                        mine.stream().filter(c -> c.id().equals(id)).findFirst().map(ContainerSummary::labels).orElse(Map.of()));
            } catch (IOException e) {
                log.warn("worker {}: orphan container {} not removed: {}", workerId, id, e.getMessage());
            }
        }
        return plan;
    }

    @Override
    public void close() { timer.shutdownNow(); }
}
