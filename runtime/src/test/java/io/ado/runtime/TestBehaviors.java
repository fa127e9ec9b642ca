package io.ado.runtime;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Small behaviours the runtime tests drive. */
public final class TestBehaviors {
    private TestBehaviors() {}

    public record Get() {}
    public record Put(Object value) {}
    public record Crash(String why) {}
    public record StopWith(ExitReason reason) {}
    public record Block(CountDownLatch release) {}
    public record ReplyLater() {}

    /** Holds one value; crashes on {@link Crash}; optionally logs lifecycle into {@code journal}. */
    public static final class Cell implements Behavior<Object> {
        private final String name;
        private final List<String> journal;

        public Cell() { this("cell", null); }

        public Cell(String name, List<String> journal) {
            this.name = name;
            this.journal = journal;
        }

        @Override public Object init(Object args) {
            if (journal != null) journal.add("init:" + name);
            if (args instanceof Crash c) throw new IllegalStateException(c.why());
            return args;
        }

        @Override public Result<Object> handleCall(Object msg, From from, Object state) throws Exception {
            return switch (msg) {
                case Get g -> Result.reply(state, state);
                case Put p -> Result.reply("ok", p.value());
                case Crash c -> throw new IllegalStateException(c.why());
                case StopWith s -> Result.stopAndReply(s.reason(), "stopping", state);
                case Block b -> { b.release().await(); yield Result.reply("released", state); }
                case ReplyLater r -> {
                    Thread.ofVirtual().start(() -> from.reply("later"));
                    yield Result.noReply(state);
                }
                default -> throw new UnhandledMessageException("call", msg);
            };
        }

        @Override public Result<Object> handleCast(Object msg, Object state) {
            return switch (msg) {
                case Put p -> Result.noReply(p.value());
                case Crash c -> throw new IllegalStateException(c.why());
                case StopWith s -> Result.stop(s.reason(), state);
                default -> Result.noReply(state);
            };
        }

        @Override public Result<Object> handleInfo(Object msg, Object state) {
            return Result.noReply(msg); // the last info message becomes the state, so tests can read it
        }

        @Override public void terminate(ExitReason reason, Object state) {
            if (journal != null) journal.add("terminate:" + name + ":" + reason);
        }
    }

    /** Traps exits and keeps every info message it gets. */
    public static final class Trapper implements Behavior<List<Object>> {
        @Override public List<Object> init(Object args) {
            ProcessContext.current().trapExit(true);
            if (args instanceof ProcessRef other) ProcessContext.current().link(other);
            return new java.util.concurrent.CopyOnWriteArrayList<>();
        }

        @Override public Result<List<Object>> handleCall(Object msg, From from, List<Object> state) {
            if (msg instanceof Get) return Result.reply(List.copyOf(state), state);
            if (msg instanceof ProcessRef target) return Result.reply(ProcessContext.current().monitor(target), state);
            throw new UnhandledMessageException("call", msg);
        }

        @Override public Result<List<Object>> handleInfo(Object msg, List<Object> state) {
            state.add(msg);
            return Result.noReply(state);
        }
    }
}
