package io.ado.controller.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.controller.state.EventPublisher;
import io.ado.controller.state.JdbcStateStore;
import io.ado.controller.state.JoinTokenRecord;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.JoinTokenGrant;
import io.ado.protocol.Protocol;
import io.ado.protocol.WorkerMessage;
import io.ado.protocol.WorkerView;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.ProcessRuntime;
import io.ado.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane on a real store: what it minted and issued is in the store, and a restarted plane still knows it. */
class JoinTokenPlaneTest {
    @TempDir Path dir;
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final ProcessRuntime runtime = ProcessRuntime.create("test@local", clock, clock.scheduler());
    JdbcStateStore store;
    ProcessRef plane;

    @BeforeEach
    void open() {
        store = JdbcStateStore.embedded(dir);
        plane = start();
    }

    ProcessRef start() {
        return runtime.start(new ControlPlane(PlaneSettings.DEFAULTS, store, new EventPublisher(), clock, new SplittableRandom(1),
                new SplittableRandom(7), ref -> {}), null);
    }

    @AfterEach
    void stop() {
        runtime.close();
        store.close();
    }

    Object call(ControlPlane.Msg m) { return runtime.call(plane, m, Duration.ofSeconds(5)); }

    @SuppressWarnings("unchecked")
    List<String> workers() { return ((List<WorkerView>) call(new ControlPlane.ListWorkers())).stream().map(WorkerView::id).toList(); }

    void register(RecordingLink link, String id, String join, String reconnect) {
        runtime.cast(plane, new ControlPlane.FromWorker(link, new WorkerMessage.Register(Protocol.VERSION, id, "h", List.of("shell"), 2, 1L << 30,
                "api", null, 2, List.of(), join, reconnect)));
        workers(); // a barrier: the register's batch is committed and its effects released
    }

    void restart() {
        runtime.kill(plane);
        store.abandonBatches(); // as the controller does for a killed plane
        plane = start();
    }

    @Test
    void tokensAndReconnectCredentialsOutliveARestartOfThePlane() {
        JoinTokenGrant a = (JoinTokenGrant) call(new ControlPlane.MintJoinToken("w1", null));
        JoinTokenGrant b = (JoinTokenGrant) call(new ControlPlane.MintJoinToken("w2", null));
        assertThat(store.joinTokens(clock.millis())).extracting(JoinTokenRecord::tokenHash)
                .containsExactlyInAnyOrder(JoinTokens.hash(a.token()), JoinTokens.hash(b.token())); // hashes only
        RecordingLink c1 = new RecordingLink("c1", true);
        register(c1, "w1", a.token(), null);
        String credential = c1.of(ControllerMessage.Registered.class).get(0).reconnectToken();
        assertThat(credential).isNotNull();
        assertThat(store.reconnectHashes()).containsEntry("w1", JoinTokens.hash(credential));

        restart();
        RecordingLink c2 = new RecordingLink("c2", true);
        register(c2, "w1", null, credential); // the worker comes back to the new plane with what it was given
        assertThat(c2.of(ControllerMessage.Registered.class)).hasSize(1);
        RecordingLink c3 = new RecordingLink("c3", true);
        register(c3, "w1", a.token(), null); // the used token is still used
        assertThat(c3.of(ControllerMessage.Error.class)).extracting(ControllerMessage.Error::message).containsExactly("the join token was already used");
        RecordingLink c4 = new RecordingLink("c4", true);
        register(c4, "w2", b.token(), null); // the outstanding one is still good
        assertThat(c4.of(ControllerMessage.Registered.class)).hasSize(1);
        assertThat(workers()).containsExactly("w1", "w2");
    }

    @Test
    void aRefusedRegisterWritesNothing() {
        call(new ControlPlane.MintJoinToken("w1", null));
        RecordingLink c1 = new RecordingLink("c1", true);
        register(c1, "w1", "adojt_" + "9".repeat(32), null);
        assertThat(c1.of(ControllerMessage.Error.class)).extracting(ControllerMessage.Error::error).containsExactly("join_refused");
        await().until(() -> "join refused".equals(c1.closedBecause));
        assertThat(store.workers()).isEmpty();
        assertThat(store.joinTokens(clock.millis())).singleElement().satisfies(t -> assertThat(t.isUsed()).isFalse());
        assertThat(workers()).isEmpty();
    }
}
