package io.ado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ado.runtime.TestBehaviors.*;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessRuntimeTest {
    private final ProcessRuntime rt = ProcessRuntime.create("test@local");
    private static final Duration T = Duration.ofSeconds(5);

    @AfterEach void close() { rt.close(); }

    @Test void callCastAndSendReachTheirCallbacks() {
        ProcessRef p = rt.start(new Cell(), "initial");
        assertThat(rt.call(p, new Get(), T)).isEqualTo("initial");
        assertThat(rt.call(p, new Put("x"), T)).isEqualTo("ok");
        rt.cast(p, new Put("y"));
        assertThat(rt.call(p, new Get(), T)).isEqualTo("y"); // mailbox order: cast before this call
        rt.send(p, "info!");
        assertThat(rt.call(p, new Get(), T)).isEqualTo("info!");
    }

    @Test void replyCanComeLaterFromAnotherThread() {
        ProcessRef p = rt.start(new Cell(), null);
        assertThat(rt.call(p, new ReplyLater(), T)).isEqualTo("later");
    }

    @Test void callTimeoutThrowsAndTheLateReplyIsDropped() {
        ProcessRef p = rt.start(new Cell(), "v");
        CountDownLatch release = new CountDownLatch(1);
        assertThatThrownBy(() -> rt.call(p, new Block(release), Duration.ofMillis(50)))
                .isInstanceOf(CallTimeoutException.class).hasMessageContaining("timed out after 50 ms");
        release.countDown();
        // the process is alive and the next call gets its own reply, not the late "released"
        assertThat(rt.call(p, new Get(), T)).isEqualTo("v");
        assertThat(rt.isAlive(p)).isTrue();
    }

    @Test void callAsyncCompletesWithTheReplyOrTheFailureWithoutAWaitingThread() throws Exception {
        ProcessRef p = rt.start(new Cell(), "v");
        assertThat(rt.callAsync(p, new Get(), T).get(5, TimeUnit.SECONDS)).isEqualTo("v");
        assertThat(rt.callAsync(p, new ReplyLater(), T).get(5, TimeUnit.SECONDS)).isEqualTo("later");

        CountDownLatch release = new CountDownLatch(1);
        var slow = rt.callAsync(p, new Block(release), Duration.ofMillis(50));
        assertThatThrownBy(() -> slow.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CallTimeoutException.class);
        release.countDown();
        assertThat(rt.call(p, new Get(), T)).isEqualTo("v"); // the late reply went nowhere

        var crashed = rt.callAsync(p, new Crash("async-boom"), T);
        assertThatThrownBy(() -> crashed.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ProcessExitException.class).hasMessageContaining("async-boom");
        assertThatThrownBy(() -> rt.callAsync(p, new Get(), T).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ProcessExitException.class); // dead: noproc
    }

    @Test void crashInHandleCallKillsTheProcessAndTellsTheCaller() {
        var journal = new CopyOnWriteArrayList<String>();
        ProcessRef p = rt.start(new Cell("c", journal), null);
        assertThatThrownBy(() -> rt.call(p, new Crash("boom"), T))
                .isInstanceOf(ProcessExitException.class)
                .hasMessageContaining("boom")
                .satisfies(e -> assertThat(((ProcessExitException) e).reason()).isInstanceOf(ExitReason.Crash.class));
        assertThat(rt.isAlive(p)).isFalse();
        assertThat(journal).anyMatch(s -> s.startsWith("terminate:c:crash(java.lang.IllegalStateException: boom"));
    }

    @Test void crashInHandleCastKillsTheProcess() {
        ProcessRef p = rt.start(new Cell(), null);
        rt.cast(p, new Crash("cast-boom"));
        assertThat(rt.awaitExit(p, T)).isTrue();
        assertThatThrownBy(() -> rt.call(p, new Get(), T))
                .isInstanceOf(ProcessExitException.class).hasMessageContaining("noproc");
    }

    @Test void initFailureFailsStartAndLeavesNothingBehind() {
        int before = rt.processCount();
        assertThatThrownBy(() -> rt.start(new Cell(), new Crash("bad args")))
                .isInstanceOf(InitFailedException.class).hasMessageContaining("bad args");
        await().until(() -> rt.processCount() == before);
    }

    @Test void stopRunsTerminateWithTheReason() {
        var journal = new CopyOnWriteArrayList<String>();
        ProcessRef p = rt.start(new Cell("s", journal), null);
        assertThat(rt.stop(p, ExitReason.custom("bye"), T)).isTrue();
        assertThat(journal).containsExactly("init:s", "terminate:s:bye");
        assertThat(rt.isAlive(p)).isFalse();
        assertThat(rt.stop(p, ExitReason.NORMAL, T)).isFalse();
    }

    @Test void stopResultRepliesThenEnds() {
        ProcessRef p = rt.start(new Cell(), null);
        assertThat(rt.call(p, new StopWith(ExitReason.NORMAL), T)).isEqualTo("stopping");
        assertThat(rt.awaitExit(p, T)).isTrue();
    }

    @Test void namesAreUniqueAndReleasedOnDeath() {
        ProcessRef a = rt.start(new Cell(), "a", StartOptions.named("svc"));
        assertThat(rt.whereis("svc")).contains(a);
        assertThat(rt.call("svc", new Get(), T)).isEqualTo("a");
        assertThatThrownBy(() -> rt.start(new Cell(), "b", StartOptions.named("svc")))
                .isInstanceOf(NameTakenException.class).hasMessageContaining("svc");
        ProcessRef b = rt.start(new Cell(), "b");
        assertThatThrownBy(() -> rt.register("svc", b)).isInstanceOf(NameTakenException.class);
        rt.kill(a);
        assertThat(rt.whereis("svc")).isEmpty();
        rt.register("svc", b);
        assertThat(rt.call("svc", new Get(), T)).isEqualTo("b");
        assertThatThrownBy(() -> rt.call("nobody", new Get(), T)).isInstanceOf(NoSuchNameException.class);
        assertThat(rt.unregister("svc")).isTrue();
        assertThat(rt.whereis("svc")).isEmpty();
    }

    @Test void refsAreNeverReused() {
        ProcessRef a = rt.start(new Cell(), null);
        rt.kill(a);
        ProcessRef b = rt.start(new Cell(), null);
        assertThat(b).isNotEqualTo(a);
        assertThat(b.id()).isGreaterThan(a.id());
        assertThat(rt.isAlive(a)).isFalse();
    }

    @Test void badReturnFromCastIsACrash() {
        ProcessRef p = rt.start(new Behavior<String>() {
            @Override public String init(Object args) { return "s"; }
            @Override public Result<String> handleCast(Object msg, String state) { return Result.reply("no", state); }
        }, null);
        ProcessRef watcher = rt.start(new Trapper(), null);
        rt.call(watcher, p, T); // monitor p from the watcher
        rt.cast(p, "x");
        await().untilAsserted(() -> assertThat((List<?>) rt.call(watcher, new Get(), T))
                .singleElement().satisfies(m -> assertThat(((Down) m).reason().toString()).contains("bad_return")));
    }

    @Test void callingItselfIsRefused() {
        ProcessRef p = rt.start(new Behavior<Object>() {
            @Override public Object init(Object args) { return null; }
            @Override public Result<Object> handleCall(Object msg, From from, Object state) {
                try {
                    ProcessContext.current().runtime().call(ProcessContext.current().self(), "again", T);
                    return Result.reply("no error", state);
                } catch (IllegalStateException e) {
                    return Result.reply(e.getMessage(), state);
                }
            }
        }, null);
        assertThat((String) rt.call(p, "go", T)).contains("deadlock");
    }

    @Test void callToUnknownRemoteNodeWithoutClusterFailsClearly() {
        assertThatThrownBy(() -> rt.call(new ProcessRef("other@host", 1), new Get(), T))
                .isInstanceOf(ProcessExitException.class).hasMessageContaining("noconnection");
    }
}
