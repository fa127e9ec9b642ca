package io.ado.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ado.cluster.remote.NodeDownException;
import io.ado.runtime.CallTimeoutException;
import io.ado.runtime.Down;
import io.ado.runtime.ExitReason;
import io.ado.runtime.NoSuchNameException;
import io.ado.runtime.ProcessExitException;
import io.ado.runtime.ProcessRef;
import io.ado.runtime.StartOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteMessagingIT {
    private static final Duration T = Duration.ofSeconds(5);
    private TestNodes t;
    private ClusterNode a;
    private ClusterNode b;
    private ProcessRef counter; // lives on b, registered as "counter"

    @BeforeEach
    void twoNodes() {
        t = new TestNodes();
        a = t.start(TestNodes.config("a").clusterSecret("s"), c -> ClusterNode.builder(c).messageTypes(Counter.types()));
        b = t.start(TestNodes.config("b").clusterSecret("s").seeds(a.getLocalNodeId().toString()),
                c -> ClusterNode.builder(c).messageTypes(Counter.types()));
        TestNodes.awaitFullMesh(List.of(a, b), Duration.ofSeconds(5));
        counter = b.runtime().start(new Counter(), null, StartOptions.named("counter"));
    }

    @AfterEach
    void stop() { t.close(); }

    @Test
    void callByRegisteredNameAndByRef() {
        assertThat(a.call(b.getLocalNodeId(), "counter", new Counter.Add(2), T)).isEqualTo(2);
        assertThat(counter.node()).isEqualTo(b.getLocalNodeId().toString());
        assertThat(a.runtime().call(counter, new Counter.Add(3), T)).isEqualTo(5);
        assertThat(a.call(counter, new Counter.Get(), T)).isEqualTo(5);
    }

    @Test
    void castAndSendReachTheRemoteProcess() {
        a.cast(b.getLocalNodeId(), "counter", new Counter.Add(5));
        a.runtime().cast(counter, new Counter.Add(1));
        a.runtime().send(counter, new Counter.Add(10));
        await().atMost(T).until(() -> (Integer) a.call(counter, new Counter.Get(), T) == 16);
    }

    @Test
    void remoteFailuresComeBackAsTheRuntimesExceptions() {
        assertThatThrownBy(() -> a.call(b.getLocalNodeId(), "nobody", new Counter.Get(), T)).isInstanceOf(NoSuchNameException.class);
        assertThatThrownBy(() -> a.call(counter, new Counter.Hang(), Duration.ofMillis(200))).isInstanceOf(CallTimeoutException.class);
        assertThatThrownBy(() -> a.call(counter, new Counter.Boom(), T))
                .isInstanceOfSatisfying(ProcessExitException.class, e -> assertThat(e.reason()).isInstanceOf(ExitReason.Crash.class));
        assertThatThrownBy(() -> a.call(counter, new Counter.Get(), T))
                .isInstanceOfSatisfying(ProcessExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.NOPROC));
        record NotRegistered(int x) {}
        assertThatThrownBy(() -> a.call(b.getLocalNodeId(), "counter", new NotRegistered(1), T)).hasMessageContaining("not registered");
    }

    @Test
    void aCallToANodeThatIsDownFailsFast() {
        NodeId bid = b.getLocalNodeId();
        b.stop();
        await().atMost(T).until(() -> a.getConnectedNodes().isEmpty());
        long start = System.nanoTime();
        assertThatThrownBy(() -> a.call(counter, new Counter.Get(), T))
                .isInstanceOfSatisfying(ProcessExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.NOCONNECTION));
        assertThatThrownBy(() -> a.call(bid, "counter", new Counter.Get(), T))
                .isInstanceOf(NodeDownException.class).hasMessageContaining(bid.toString()).hasMessageContaining("not connected");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void refsToUnknownOrMalformedNodesAreUnreachableNotErrors() throws Exception {
        for (ProcessRef stranger : List.of(new ProcessRef("nonode@nohost", 7), new ProcessRef("ghost@127.0.0.1:1", 7))) {
            assertThatThrownBy(() -> a.call(stranger, new Counter.Get(), T))
                    .isInstanceOfSatisfying(ProcessExitException.class, e -> assertThat(e.reason()).isEqualTo(ExitReason.NOCONNECTION));
            a.cast(stranger, new Counter.Add(1)); // dropped, as a cast to a dead process is
            BlockingQueue<Down> downs = new LinkedBlockingQueue<>();
            ProcessRef watcher = a.runtime().start(new DownCollector(), downs);
            a.runtime().monitor(watcher, stranger);
            assertThat(downs.poll(5, TimeUnit.SECONDS).reason()).isEqualTo(ExitReason.NOCONNECTION);
        }
    }

    @Test
    void aCallInFlightFailsWhenItsNodeIsLost() throws Exception {
        CompletableFuture<Object> pending = CompletableFuture.supplyAsync(() -> a.call(counter, new Counter.Hang(), Duration.ofSeconds(30)));
        await().atMost(T).until(() -> a.pendingCalls() == 1);
        t.crash(b);
        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ProcessExitException.class)
                .cause().hasMessageContaining("noconnection");
    }

    @Test
    void aRemoteMonitorDeliversDownWithNoconnectionWhenTheNodeIsLost() throws Exception {
        BlockingQueue<Down> downs = new LinkedBlockingQueue<>();
        ProcessRef watcher = a.runtime().start(new DownCollector(), downs);
        a.runtime().monitor(watcher, counter);
        t.crash(b);
        Down d = downs.poll(5, TimeUnit.SECONDS);
        assertThat(d).isNotNull();
        assertThat(d.process()).isEqualTo(counter);
        assertThat(d.reason()).isEqualTo(ExitReason.NOCONNECTION);
    }

    @Test
    void aRemoteMonitorDeliversTheRealReasonWhenTheProcessExits() throws Exception {
        BlockingQueue<Down> downs = new LinkedBlockingQueue<>();
        ProcessRef watcher = a.runtime().start(new DownCollector(), downs);
        a.runtime().monitor(watcher, counter);
        a.call(counter, new Counter.Get(), T); // the monitor request travels first, on the same link
        assertThat(a.call(counter, new Counter.Quit(), T)).isEqualTo("bye");
        Down d = downs.poll(5, TimeUnit.SECONDS);
        assertThat(d).isNotNull();
        assertThat(d.reason()).isEqualTo(ExitReason.NORMAL);
        ProcessRef gone = counter;
        a.runtime().monitor(watcher, gone); // monitoring a dead remote process: noproc at once
        assertThat(downs.poll(5, TimeUnit.SECONDS).reason()).isEqualTo(ExitReason.NOPROC);
    }
}
