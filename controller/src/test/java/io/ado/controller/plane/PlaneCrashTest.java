package io.ado.controller.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.ado.controller.state.EventPublisher;
import io.ado.controller.state.JdbcStateStore;
import io.ado.controller.state.StateStore;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Protocol;
import io.ado.protocol.TaskSpec;
import io.ado.protocol.TaskStatus;
import io.ado.protocol.TaskView;
import io.ado.protocol.WorkerMessage;
import io.ado.protocol.WorkerStatus;
import io.ado.protocol.WorkerView;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.ado.runtime.StartOptions;
import io.ado.runtime.supervisor.ChildSpec;
import io.ado.runtime.supervisor.RestartType;
import io.ado.runtime.supervisor.Strategy;
import io.ado.runtime.supervisor.Supervisor;
import io.ado.runtime.supervisor.SupervisorSpec;
import io.ado.testkit.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Let it crash: a message that fails halfway leaves nothing of itself in the store, and the supervisor rebuilds the plane from the store. */
class PlaneCrashTest {
    @TempDir Path dir;
    final ProcessRuntime runtime = ProcessRuntime.create("test@local");
    JdbcStateStore store;

    @AfterEach
    void stop() {
        runtime.close();
        if (store != null) store.close();
    }

    @Test
    void aFailureMidMessageCommitsNothingOfItAndThePlaneIsRebuiltFromTheStore() {
        store = JdbcStateStore.embedded(dir);
        AtomicBoolean failCompletion = new AtomicBoolean();
        StateStore failing = (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[] {StateStore.class}, (p, m, args) -> {
            // the completion's attempt row is written first, then its task row: fail between the two
            if (m.getName().equals("updateTask") && failCompletion.get() && ((TaskRecord) args[0]).status() == TaskStatus.COMPLETED) {
                throw new IllegalStateException("injected failure");
            }
            try {
                return m.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        AtomicReference<ProcessRef> plane = new AtomicReference<>();
        ManualClock clock = new ManualClock();
        Supervisor sup = Supervisor.start(runtime, SupervisorSpec.builder(Strategy.ONE_FOR_ONE).intensity(5, 30_000).build());
        sup.startChild(new ChildSpec("plane", (rt, extra) -> rt.start(new ControlPlane(PlaneSettings.DEFAULTS, failing, new EventPublisher(), clock,
                new SplittableRandom(1), plane::set), null, StartOptions.DEFAULT.linked()), RestartType.PERMANENT, ChildSpec.DEFAULT_SHUTDOWN, false, false, null));
        ProcessRef first = plane.get();

        RecordingLink link = new RecordingLink("c1");
        runtime.cast(first, new ControlPlane.FromWorker(link, new WorkerMessage.Register(Protocol.VERSION, "w1", "h", List.of("shell"), 2, 1L << 30,
                "api", null, 2, List.of())));
        TaskView t = (TaskView) runtime.call(first, new ControlPlane.Submit(TaskSpec.shell("x")), Duration.ofSeconds(5));
        runtime.cast(first, new ControlPlane.FromWorker(link, new WorkerMessage.Started(t.id(), 1)));
        runtime.call(first, new ControlPlane.ListWorkers(), Duration.ofSeconds(5)); // answered after the commit: started is stored

        failCompletion.set(true);
        runtime.cast(first, new ControlPlane.FromWorker(link, new WorkerMessage.Completed(t.id(), 1, 0)));
        await().atMost(Duration.ofSeconds(10)).until(() -> plane.get() != first && runtime.isAlive(plane.get()));
        failCompletion.set(false);

        assertThat(runtime.isAlive(first)).isFalse();
        assertThat(store.task(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(store.attempts(t.id())).extracting(a -> a.status()).containsExactly(TaskStatus.RUNNING); // the half written first is gone too
        assertThat(link.of(ControllerMessage.Ack.class)).isEmpty(); // nothing the failed message decided was heard
        @SuppressWarnings("unchecked")
        List<WorkerView> workers = (List<WorkerView>) runtime.call(plane.get(), new ControlPlane.ListWorkers(), Duration.ofSeconds(5));
        assertThat(workers).extracting(WorkerView::id, WorkerView::status).containsExactly(tuple("w1", WorkerStatus.DISCONNECTED));
    }
}
