package io.ado.worker;

import io.ado.protocol.OutputStream;
import io.ado.protocol.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A runtime whose tasks print and end when the test says so. */
final class FakeRuntime implements TaskRuntime {
    private final Map<String, FakeTask> tasks = new LinkedHashMap<>();

    @Override public String name() { return "shell"; }

    @Override
    public RunningTask start(TaskSpec spec, Map<String, String> extraEnv, OutputSink sink) {
        FakeTask t = new FakeTask(sink);
        tasks.put(extraEnv.get("ADO_TASK_ID") + "/" + extraEnv.get("ADO_ATTEMPT"), t);
        return t;
    }

    FakeTask task(String taskId, int attempt) {
        FakeTask t = tasks.get(taskId + "/" + attempt);
        if (t == null) throw new AssertionError("not started: " + taskId + "/" + attempt);
        return t;
    }

    int started() { return tasks.size(); }

    static final class FakeTask implements RunningTask {
        private final OutputSink sink;
        private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        boolean cancelled;

        FakeTask(OutputSink sink) { this.sink = sink; }

        void print(String text) { sink.chunk(OutputStream.STDOUT, text); }

        void exit(int code) { outcome.complete(Outcome.exited(code)); }

        @Override public CompletableFuture<Outcome> outcome() { return outcome; }

        @Override
        public void cancel() {
            cancelled = true;
            outcome.complete(Outcome.failed("cancelled", null));
        }
    }
}
