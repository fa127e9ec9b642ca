package io.ado.worker;

import io.ado.protocol.PullPolicy;
import io.ado.worker.engine.ContainerConfig;
import io.ado.worker.engine.DockerEngine;
import io.ado.worker.engine.EngineException;
import io.ado.worker.engine.EngineStream;
import io.ado.worker.engine.LogDemuxer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container task: the image per the pull policy, create, start, its logs streamed live
 * (stdout and stderr apart), the exit code, and the container removed whatever happened. Cancel
 * and timeout stop it (SIGTERM, SIGKILL after the grace; an explicit kill if the stop call
 * fails). Every failure of the engine ends the task with the reason; none leaves it waiting.
 */
final class ContainerTask implements RunningTask {
    private static final Logger log = LoggerFactory.getLogger(ContainerTask.class);
    /** After the exit, how long the log follow may take to deliver its last bytes and end. */
    private static final Duration LOG_SETTLE = Duration.ofMillis(500);

    private final DockerEngine engine;
    private final ContainerSettings settings;
    private final ContainerConfig config;
    private final PullPolicy pull;
    private final OutputSink sink;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final Streams streams = new Streams();
    private String containerId; // guarded by this
    private String stopReason; // guarded by this

    private ContainerTask(DockerEngine engine, ContainerSettings settings, ContainerConfig config, PullPolicy pull, OutputSink sink) {
        this.engine = engine;
        this.settings = settings;
        this.config = config;
        this.pull = pull;
        this.sink = sink;
    }

    static RunningTask start(DockerEngine engine, ContainerSettings settings, ContainerConfig config, PullPolicy pull, Long timeoutMs,
                             OutputSink sink, ScheduledExecutorService timer) {
        ContainerTask t = new ContainerTask(engine, settings, config, pull, sink);
        ScheduledFuture<?> timeout = timeoutMs == null ? null
                : timer.schedule(() -> t.stop("timeout after " + timeoutMs + " ms"), timeoutMs, TimeUnit.MILLISECONDS);
        Thread.ofVirtual().name("container-task").start(() -> {
            Outcome o = t.run();
            if (timeout != null) timeout.cancel(false);
            t.outcome.complete(o);
        });
        return t;
    }

    @Override public CompletableFuture<Outcome> outcome() { return outcome; }

    @Override public void cancel() { stop("cancelled"); }

    private Outcome run() {
        String id = null;
        try {
            if (pull == PullPolicy.ALWAYS) pull();
            id = create();
            synchronized (this) {
                containerId = id;
                if (stopReason != null) return Outcome.failed(stopReason, null);
            }
            engine.start(id);
            return follow(id);
        } catch (IOException e) {
            String why;
            synchronized (this) { why = stopReason; }
            if (why != null) return Outcome.failed(why, null); // its calls were abandoned on purpose
            if (e instanceof EngineException) return Outcome.failed(e.getMessage(), null);
            return Outcome.failed("container engine at " + engine.address() + " went away: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            return Outcome.failed("worker interrupted", null);
        } catch (RuntimeException e) { // e.g. the runtime was closed under it: the task still ends
            return Outcome.failed("container task failed: " + e, null);
        } finally {
            if (id != null) remove(id);
            streams.closeAll();
        }
    }

    private String create() throws IOException {
        try {
            return engine.create(config);
        } catch (EngineException e) {
            if (e.status() != 404) throw new EngineException(e.status(), "cannot create a container of image '" + config.image() + "': " + e.getMessage());
            if (pull == PullPolicy.NEVER) {
                throw new EngineException(404, "image '" + config.image() + "' is not on this worker's engine and pull is never: " + e.getMessage());
            }
            if (pull == PullPolicy.ALWAYS) throw e; // pulled a moment ago and still missing: say what the engine says
        }
        pull(); // if-not-present: it was not
        return engine.create(config);
    }

    private void pull() throws IOException {
        synchronized (this) {
            if (stopReason != null) throw new EngineException(0, stopReason);
        }
        try {
            engine.pull(config.image(), streams::add);
        } catch (EngineException e) {
            throw new EngineException(e.status(), "pull of image '" + config.image() + "' failed: " + e.getMessage());
        }
    }

    /** Streams the logs until the exit; the exit code is the engine's wait answer. */
    private Outcome follow(String id) throws IOException, InterruptedException {
        LogDemuxer demux = new LogDemuxer(config.tty(), sink::chunk);
        CountDownLatch drained = pump(id, streams.add(engine.logs(id, true)), demux);
        int code;
        try {
            code = DockerEngine.exitCode(streams.add(engine.openWait(id)));
        } catch (EngineException e) {
            if (e.status() != 404) throw e;
            throw new EngineException(404, "its container " + id.substring(0, Math.min(12, id.length())) + " was removed while it ran: " + e.getMessage());
        }
        if (drained.await(LOG_SETTLE.toMillis(), TimeUnit.MILLISECONDS)) {
            demux.finish();
        } else {
            // Now and then Podman's follow does not end at the exit: read the whole log once more, from where the text stopped.
            streams.closeAll();
            drained.await(LOG_SETTLE.toMillis(), TimeUnit.MILLISECONDS);
            log.debug("container {}: log follow still open {} after the exit; reading the rest", id, LOG_SETTLE);
            LogDemuxer rest = demux.resumedAfter();
            try (EngineStream all = engine.logs(id, false)) {
                if (!pump(id, all, rest).await(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) log.warn("container {}: its log did not arrive", id);
            }
            rest.finish();
        }
        String why;
        synchronized (this) { why = stopReason; }
        if (why != null) return Outcome.failed(why, code);
        if (code == 137 && engine.inspect(id).path("State").path("OOMKilled").asBoolean(false)) {
            return Outcome.failed("out of memory: killed at its memory limit of " + config.memoryBytes() + " bytes", code);
        }
        return Outcome.exited(code);
    }

    /** Feeds {@code logs} to {@code demux} on a thread of its own; the latch opens when the stream has ended. */
    private static CountDownLatch pump(String id, EngineStream logs, LogDemuxer demux) {
        CountDownLatch drained = new CountDownLatch(1);
        Thread.ofVirtual().name("container-logs").start(() -> {
            byte[] buf = new byte[ProcessTask.CHUNK_CHARS];
            try (InputStream in = logs.body()) {
                for (int n; (n = in.read(buf)) > 0; ) demux.feed(buf, 0, n);
            } catch (IOException e) {
                log.debug("container {}: log stream ended: {}", id, e.toString());
            } finally {
                drained.countDown();
            }
        });
        return drained;
    }

    /** Cancel or timeout: SIGTERM, SIGKILL after the grace; if the engine does not answer, the task's own calls are abandoned. */
    private void stop(String why) {
        String id;
        synchronized (this) {
            if (stopReason != null || outcome.isDone()) return;
            stopReason = why;
            id = containerId;
        }
        if (id == null) {
            streams.closeAll(); // a pull in flight ends now; create sees the reason
            return;
        }
        Thread.ofVirtual().name("container-stop").start(() -> {
            try {
                engine.stop(id, settings.stopGrace());
            } catch (IOException e) {
                log.warn("container {}: stop failed ({}); killing it", id, e.getMessage());
                try {
                    engine.kill(id);
                } catch (IOException e2) {
                    log.warn("container {}: kill failed too ({}): the task ends without its exit code", id, e2.getMessage());
                    streams.closeAll();
                }
            }
        });
    }

    private void remove(String id) {
        try {
            engine.remove(id);
        } catch (IOException e) {
            log.warn("container {}: not removed ({}); the orphan sweep will", id, e.getMessage());
        }
    }

    /** The task's open engine answers, closed together to abandon them; one added after that is closed at once. */
    private static final class Streams {
        private final List<AutoCloseable> open = new ArrayList<>();
        private boolean closed;

        synchronized <T extends AutoCloseable> T add(T c) {
            if (closed) closeQuietly(c);
            else open.add(c);
            return c;
        }

        void closeAll() {
            List<AutoCloseable> all;
            synchronized (this) {
                closed = true;
                all = List.copyOf(open);
                open.clear();
            }
            all.forEach(Streams::closeQuietly);
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // abandoning it: nothing to add
            }
        }
    }
}
