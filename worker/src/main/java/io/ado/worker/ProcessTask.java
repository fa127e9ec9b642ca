package io.ado.worker;

import io.ado.protocol.OutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An OS process run for a task: output pumped in chunks as soon as it is read (low stream
 * latency), a timeout, and cancel that kills the whole tree (descendants first, so a shell's
 * children do not outlive it).
 */
final class ProcessTask implements RunningTask {
    static final int CHUNK_CHARS = 8192;
    /** After exit, how long to wait for pipes held open by stray grandchildren. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(2);

    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private volatile Process process;
    private volatile String stopReason;

    static RunningTask start(List<String> argv, Map<String, String> env, String cwd, Long timeoutMs, OutputSink sink) {
        ProcessTask t = new ProcessTask();
        try {
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().putAll(env);
            if (cwd != null) pb.directory(Path.of(cwd).toFile());
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            t.process = pb.start();
        } catch (IOException | RuntimeException e) {
            t.outcome.complete(Outcome.failed("cannot start " + argv.get(0) + ": " + e.getMessage(), null));
            return t;
        }
        CountDownLatch pumps = new CountDownLatch(2);
        Object lock = new Object(); // one chunk at a time into the sink keeps per-stream order simple
        pump(t.process.getInputStream(), OutputStream.STDOUT, sink, lock, pumps);
        pump(t.process.getErrorStream(), OutputStream.STDERR, sink, lock, pumps);
        Thread.ofVirtual().name("task-wait").start(() -> t.await(timeoutMs, pumps));
        return t;
    }

    private void await(Long timeoutMs, CountDownLatch pumps) {
        try {
            boolean exited = timeoutMs == null ? waitForever() : process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
            if (!exited) {
                stopReason = "timeout after " + timeoutMs + " ms";
                killTree();
                process.waitFor();
            }
            pumps.await(DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            int code = process.exitValue();
            String why = stopReason;
            outcome.complete(why == null ? Outcome.exited(code) : Outcome.failed(why, code));
        } catch (InterruptedException e) {
            killTree();
            outcome.complete(Outcome.failed("worker interrupted", null));
        }
    }

    private boolean waitForever() throws InterruptedException {
        process.waitFor();
        return true;
    }

    private static void pump(InputStream in, OutputStream stream, OutputSink sink, Object lock, CountDownLatch done) {
        Thread.ofVirtual().name("task-" + stream.name().toLowerCase()).start(() -> {
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] buf = new char[CHUNK_CHARS];
                int n;
                while ((n = r.read(buf)) > 0) {
                    String s = new String(buf, 0, n);
                    synchronized (lock) { sink.chunk(stream, s); }
                }
            } catch (IOException e) {
                // pipe closed by a kill: nothing more to read
            } finally {
                done.countDown();
            }
        });
    }

    @Override public CompletableFuture<Outcome> outcome() { return outcome; }

    @Override
    public void cancel() {
        if (process == null || outcome.isDone()) return;
        stopReason = "cancelled";
        killTree();
    }

    private void killTree() {
        Process p = process;
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }
}
