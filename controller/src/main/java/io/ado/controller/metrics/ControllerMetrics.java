package io.ado.controller.metrics;

import io.ado.controller.plane.ControllerEvent;
import io.ado.controller.plane.Plan;
import io.ado.controller.plane.PlaneObserver;
import io.ado.controller.plane.PlaneSnapshot;
import io.ado.controller.plane.StoreWrite;
import io.ado.controller.state.EventBus;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.WorkerStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The controller's meters. Gauges read the {@link PlaneSnapshot} the control plane publishes
 * each tick (a scrape never calls into the plane); counters and timers follow committed plans.
 * Labels are low-cardinality only: statuses and actions, never task or worker ids.
 */
public final class ControllerMetrics implements PlaneObserver, AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<PlaneSnapshot> snapshot = new AtomicReference<>(PlaneSnapshot.EMPTY);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter submitted;
    private final Map<TaskStatus, Counter> finished = new EnumMap<>(TaskStatus.class);
    private final Timer placement;
    private final Timer submitToStart;
    private final Timer commit;

    public ControllerMetrics(EventBus events) {
        for (TaskStatus st : new TaskStatus[] {TaskStatus.PENDING, TaskStatus.SCHEDULED, TaskStatus.RUNNING}) {
            Gauge.builder("ado.tasks", snapshot, r -> r.get().tasks(st)).description("unfinished tasks by status").tag("status", st.wireName())
                    .register(registry);
        }
        for (TaskStatus st : TaskStatus.values()) {
            if (!st.isTerminal()) continue;
            finished.put(st, Counter.builder("ado.tasks.finished").description("tasks that ended, by final status").tag("status", st.wireName())
                    .register(registry));
        }
        submitted = Counter.builder("ado.tasks.submitted").description("tasks created").register(registry);
        Gauge.builder("ado.queue.length", snapshot, r -> r.get().queued()).description("pending tasks waiting for a worker").register(registry);
        for (WorkerStatus st : WorkerStatus.values()) {
            Gauge.builder("ado.workers", snapshot, r -> r.get().workers(st)).description("registered workers by status").tag("status", st.wireName())
                    .register(registry);
        }
        Gauge.builder("ado.worker.heartbeat.lag", snapshot, r -> r.get().heartbeatLagMs() / 1000.0).baseUnit("seconds")
                .description("longest time since a connected worker's last heartbeat").register(registry);
        Gauge.builder("ado.stream.subscribers", events, EventBus::streamSubscribers).description("task output streams followed on this controller")
                .register(registry);
        for (String action : new String[] {"spawn", "terminate"}) registry.counter("ado.scaling.actions", "action", action);
        for (String direction : new String[] {"up", "down"}) registry.counter("ado.scaling.decisions", "direction", direction);
        placement = histogram("ado.placement.latency", "from submit to the first assignment to a worker");
        submitToStart = histogram("ado.task.start.latency", "from submit to the first attempt's start on its worker");
        commit = histogram("ado.store.commit.latency", "one batch commit of the control plane");
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private Timer histogram(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() { return registry.scrape(); }

    /** The plane's last snapshot; {@link PlaneSnapshot#EMPTY} while no plane runs here (a standby). */
    public PlaneSnapshot snapshot() { return snapshot.get(); }

    /** No control plane here any more (deposed, or stopping): its gauges must not linger. */
    public void planeStopped() { snapshot.set(PlaneSnapshot.EMPTY); }

    @Override
    public void snapshot(PlaneSnapshot s) { snapshot.set(s); }

    @Override
    public void committed(long nanos) { commit.record(nanos, TimeUnit.NANOSECONDS); }

    @Override
    public void applied(Plan plan, long now) {
        for (StoreWrite w : plan.writes()) {
            switch (w) {
                case StoreWrite.CreateTask c -> submitted.increment();
                case StoreWrite.UpdateTask u -> taskMoved(u.task(), now);
                default -> { }
            }
        }
        for (Plan.PoolAction a : plan.pool()) {
            String action = a instanceof Plan.PoolAction.Spawn ? "spawn" : "terminate";
            registry.counter("ado.scaling.actions", "action", action).increment();
        }
        for (ControllerEvent e : plan.events()) {
            if (e instanceof ControllerEvent.ScaledUp) registry.counter("ado.scaling.decisions", "direction", "up").increment();
            else if (e instanceof ControllerEvent.ScaledDown) registry.counter("ado.scaling.decisions", "direction", "down").increment();
        }
    }

    /** A task record as this plan writes it (its status the new one); first attempts only, so a retry does not count its earlier runs. */
    private void taskMoved(TaskRecord t, long now) {
        if (t.status().isTerminal()) finished.get(t.status()).increment();
        else if (t.status() == TaskStatus.SCHEDULED && t.attempt() == 1) placement.record(Math.max(0, now - t.createdAt()), TimeUnit.MILLISECONDS);
        else if (t.status() == TaskStatus.RUNNING && t.attempt() == 1) submitToStart.record(Math.max(0, now - t.createdAt()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
