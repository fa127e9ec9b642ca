package io.ado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.runtime.TestBehaviors.*;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LinkMonitorTest {
    private final ProcessRuntime rt = ProcessRuntime.create("links@local");
    private static final Duration T = Duration.ofSeconds(5);

    @AfterEach void close() { rt.close(); }

    @SuppressWarnings("unchecked")
    private List<Object> inbox(ProcessRef trapper) { return (List<Object>) rt.call(trapper, new Get(), T); }

    @Test void crashOfALinkedProcessExitsItsPartner() {
        ProcessRef a = rt.start(new Cell(), null);
        ProcessRef b = rt.start(new Cell(), null);
        rt.link(a, b);
        rt.cast(a, new Crash("a dies"));
        assertThat(rt.awaitExit(b, T)).isTrue();
        assertThat(rt.isAlive(a)).isFalse();
    }

    @Test void normalExitDoesNotTakeThePartnerDown() {
        ProcessRef a = rt.start(new Cell(), null);
        ProcessRef b = rt.start(new Cell(), "still here");
        rt.link(a, b);
        rt.stop(a);
        assertThat(rt.call(b, new Get(), T)).isEqualTo("still here");
    }

    @Test void trapExitTurnsTheCrashIntoAMessage() {
        ProcessRef a = rt.start(new Cell(), null);
        ProcessRef trapper = rt.start(new Trapper(), a);
        rt.cast(a, new Crash("signal"));
        await().untilAsserted(() -> assertThat(inbox(trapper)).singleElement().satisfies(m -> {
            ExitSignal s = (ExitSignal) m;
            assertThat(s.from()).isEqualTo(a);
            assertThat(s.reason().toString()).contains("signal");
        }));
        assertThat(rt.isAlive(trapper)).isTrue();
    }

    @Test void linkingToADeadProcessDeliversNoproc() {
        ProcessRef dead = rt.start(new Cell(), null);
        rt.kill(dead);
        ProcessRef trapper = rt.start(new Trapper(), dead);
        await().untilAsserted(() -> assertThat(inbox(trapper)).singleElement()
                .isEqualTo(new ExitSignal(dead, ExitReason.NOPROC)));
    }

    @Test void monitorDeliversDownWithTheReason() {
        ProcessRef watcher = rt.start(new Trapper(), null);
        ProcessRef target = rt.start(new Cell(), null);
        MonitorRef m = (MonitorRef) rt.call(watcher, target, T);
        rt.stop(target, ExitReason.custom("done"), T);
        await().untilAsserted(() -> assertThat(inbox(watcher)).containsExactly(new Down(m, target, ExitReason.custom("done"))));
    }

    @Test void monitorOfADeadProcessDeliversNoprocAtOnce() {
        ProcessRef watcher = rt.start(new Trapper(), null);
        ProcessRef target = rt.start(new Cell(), null);
        rt.kill(target);
        MonitorRef m = (MonitorRef) rt.call(watcher, target, T);
        await().untilAsserted(() -> assertThat(inbox(watcher)).containsExactly(new Down(m, target, ExitReason.NOPROC)));
    }

    @Test void demonitorCancelsTheDown() {
        ProcessRef watcher = rt.start(new Trapper(), null);
        ProcessRef target = rt.start(new Cell(), null);
        ProcessRef other = rt.start(new Cell(), null);
        MonitorRef m = (MonitorRef) rt.call(watcher, target, T);
        MonitorRef m2 = (MonitorRef) rt.call(watcher, other, T);
        rt.demonitorFrom(watcher, m);
        rt.kill(target);
        rt.kill(other); // the DOWN for `other` proves DOWNs still flow; the one for `target` must not come
        await().untilAsserted(() -> assertThat(inbox(watcher)).containsExactly(new Down(m2, other, ExitReason.KILLED)));
    }

    @Test void killCannotBeTrapped() {
        ProcessRef trapper = rt.start(new Trapper(), null);
        rt.kill(trapper);
        assertThat(rt.isAlive(trapper)).isFalse();
    }

    @Test void killedPropagatesAsATrappableSignal() {
        ProcessRef a = rt.start(new Cell(), null);
        ProcessRef trapper = rt.start(new Trapper(), a);
        rt.kill(a);
        await().untilAsserted(() -> assertThat(inbox(trapper)).containsExactly(new ExitSignal(a, ExitReason.KILLED)));
    }

    @Test void exitSignalWithNormalReasonIsIgnoredByNonTrappers() {
        ProcessRef p = rt.start(new Cell(), "alive");
        rt.exit(p, ExitReason.NORMAL);
        assertThat(rt.call(p, new Get(), T)).isEqualTo("alive");
        rt.exit(p, ExitReason.custom("die"));
        assertThat(rt.awaitExit(p, T)).isTrue();
    }

    /** The call being handled and the calls queued behind it all fail with the kill's reason. */
    @org.junit.jupiter.api.RepeatedTest(10)
    void pendingCallsFailWhenTheProcessDies() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        ProcessRef p = rt.start(new Behavior<Object>() {
            @Override public Object init(Object args) { return null; }
            @Override public Result<Object> handleCall(Object msg, From from, Object state) throws Exception {
                if ("block".equals(msg)) {
                    entered.countDown();
                    release.await();
                }
                return Result.reply(msg, state);
            }
        }, null);
        var first = new CompletableFuture<Throwable>();
        var second = new CompletableFuture<Throwable>();
        Thread.ofVirtual().start(() -> {
            try { rt.call(p, "block", T); first.complete(null); } catch (Throwable t) { first.complete(t); }
        });
        entered.await();
        Thread.ofVirtual().start(() -> {
            try { rt.call(p, "queued", T); second.complete(null); } catch (Throwable t) { second.complete(t); }
        });
        await().pollInterval(Duration.ofMillis(1)).until(() -> rt.mailboxSize(p) == 1); // "queued" waits behind "block"
        rt.kill(p);
        release.countDown();
        assertThat(second.get()).isInstanceOf(ProcessExitException.class).hasMessageContaining("killed");
        assertThat(first.get()).isInstanceOf(ProcessExitException.class).hasMessageContaining("killed");
    }
}
