package io.ado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ado.runtime.TestBehaviors.Cell;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Operations on a ref of another node: routed to the RemoteRouter, or refused with a clear error, never silently dropped. */
class RemoteTargetTest {
    private static final Duration T = Duration.ofSeconds(5);
    private static final ProcessRef REMOTE = new ProcessRef("other@host:1", 7);

    private final ProcessRuntime rt = ProcessRuntime.create("here@local");

    @AfterEach void close() { rt.close(); }

    /** Implements only what a router must; every optional operation keeps its refusing default. */
    static class MinimalRouter implements RemoteRouter {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override public Object call(ProcessRef target, Object msg, Duration timeout) { seen.add("call " + msg); return "reply"; }
        @Override public void cast(ProcessRef target, Object msg) { seen.add("cast " + msg); }
        @Override public void send(ProcessRef target, Object msg) { seen.add("send " + msg); }
        @Override public void monitor(ProcessRef watcher, MonitorRef monitor, ProcessRef target) { seen.add("monitor " + target); }
        @Override public void demonitor(MonitorRef monitor, ProcessRef target) { seen.add("demonitor " + target); }
    }

    private List<ThrowingCallable> stopKillExitIsAliveAwaitExitMailboxSize() {
        return List.of(
                () -> rt.stop(REMOTE, ExitReason.SHUTDOWN, T),
                () -> rt.kill(REMOTE),
                () -> rt.exit(REMOTE, ExitReason.custom("bye")),
                () -> rt.isAlive(REMOTE),
                () -> rt.awaitExit(REMOTE, T),
                () -> rt.mailboxSize(REMOTE));
    }

    @Test void withoutAClusterEveryOperationThatNeedsTheOtherNodeFailsWithNoconnection() {
        for (ThrowingCallable op : stopKillExitIsAliveAwaitExitMailboxSize()) {
            assertThatThrownBy(op).isInstanceOfSatisfying(ProcessExitException.class, e -> {
                assertThat(e.target()).isEqualTo(REMOTE);
                assertThat(e.reason()).isEqualTo(ExitReason.NOCONNECTION);
            });
        }
        assertThatCode(() -> rt.cast(REMOTE, "c")).doesNotThrowAnyException(); // fire-and-forget, as to a dead process
        assertThatCode(() -> rt.send(REMOTE, "s")).doesNotThrowAnyException();
    }

    @Test void aRouterThatCannotCarryAnOperationOutSaysSoNamingTheOperationAndTheProcess() {
        MinimalRouter router = new MinimalRouter();
        rt.setRemoteRouter(router);
        List<String> ops = List.of("stop", "kill", "exit", "isAlive", "awaitExit", "mailboxSize");
        List<ThrowingCallable> calls = stopKillExitIsAliveAwaitExitMailboxSize();
        for (int i = 0; i < ops.size(); i++) {
            assertThatThrownBy(calls.get(i)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessage(ops.get(i) + " not supported for remote process " + REMOTE + " yet");
        }
        assertThat(router.seen).isEmpty();
    }

    @Test void callsCastsSendsAndMonitorsGoThroughTheRouter() throws Exception {
        MinimalRouter router = new MinimalRouter();
        rt.setRemoteRouter(router);
        ProcessRef watcher = rt.start(new Cell(), null);
        assertThat(rt.call(REMOTE, "q", T)).isEqualTo("reply");
        assertThat(rt.callAsync(REMOTE, "qa", T).get()).isEqualTo("reply");
        rt.cast(REMOTE, "c");
        rt.send(REMOTE, "s");
        MonitorRef m = rt.monitor(watcher, REMOTE);
        rt.demonitorFrom(watcher, m);
        assertThat(router.seen).containsExactly("call q", "call qa", "cast c", "send s", "monitor " + REMOTE, "demonitor " + REMOTE);
    }

    @Test void operationsARouterSupportsAreRoutedToIt() {
        List<String> routed = new CopyOnWriteArrayList<>();
        rt.setRemoteRouter(new MinimalRouter() {
            @Override public boolean stop(ProcessRef target, ExitReason reason, Duration timeout) { routed.add("stop " + reason); return true; }
            @Override public void kill(ProcessRef target) { routed.add("kill"); }
            @Override public void exit(ProcessRef target, ProcessRef from, ExitReason reason) { routed.add("exit " + reason + " from " + from); }
            @Override public boolean isAlive(ProcessRef target) { routed.add("isAlive"); return true; }
            @Override public boolean awaitExit(ProcessRef target, Duration timeout) { routed.add("awaitExit"); return false; }
            @Override public int mailboxSize(ProcessRef target) { routed.add("mailboxSize"); return 3; }
        });
        assertThat(rt.stop(REMOTE, ExitReason.SHUTDOWN, T)).isTrue();
        rt.kill(REMOTE);
        rt.exit(REMOTE, ExitReason.custom("bye"));
        assertThat(rt.isAlive(REMOTE)).isTrue();
        assertThat(rt.awaitExit(REMOTE, T)).isFalse();
        assertThat(rt.mailboxSize(REMOTE)).isEqualTo(3);
        assertThat(routed).containsExactly("stop shutdown", "kill", "exit bye from null", "isAlive", "awaitExit", "mailboxSize");
    }

    @Test void linksAndNamesAreNodeLocalAndSaySo() {
        ProcessRef local = rt.start(new Cell(), null);
        assertThatThrownBy(() -> rt.link(local, REMOTE)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("links are node-local").hasMessageContaining(REMOTE.toString());
        assertThatThrownBy(() -> rt.register("far", REMOTE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names are node-local").hasMessageContaining(REMOTE.toString());
        assertThat(rt.whereis("far")).isEmpty();
        rt.unlink(local, REMOTE); // nothing was linked: a no-op, as in OTP
        assertThat(rt.isAlive(local)).isTrue();
    }
}
