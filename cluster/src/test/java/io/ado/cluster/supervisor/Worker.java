package io.ado.cluster.supervisor;

import io.ado.cluster.remote.MessageTypes;
import io.ado.runtime.Behavior;
import io.ado.runtime.ExitReason;
import io.ado.runtime.From;
import io.ado.runtime.ProcessContext;
import io.ado.runtime.Result;
import java.util.List;

/** The seed's example worker: counts work, answers status with its node and init args. */
final class Worker implements Behavior<Worker.State> {
    record Status() {}
    record Work() {}
    record Boom() {}
    record Quit() {}
    record Info(String node, int processed, List<Object> args) {}

    static final class State { int processed; List<Object> args; }

    static void registerTypes(MessageTypes t) {
        if (!t.isRegistered(Status.class)) t.register(Status.class).register(Work.class).register(Boom.class).register(Quit.class).register(Info.class);
    }

    @SuppressWarnings("unchecked")
    @Override public State init(Object args) {
        State s = new State();
        s.args = args instanceof List<?> l ? (List<Object>) l : List.of();
        return s;
    }

    @Override public Result<State> handleCall(Object msg, From from, State s) {
        return switch (msg) {
            case Status st -> Result.reply(new Info(ProcessContext.current().runtime().node(), s.processed, s.args), s);
            case Boom b -> throw new IllegalStateException("boom");
            case Quit q -> Result.stopAndReply(ExitReason.NORMAL, "bye", s);
            default -> throw new IllegalArgumentException("unexpected " + msg);
        };
    }

    @Override public Result<State> handleCast(Object msg, State s) {
        if (msg instanceof Boom) throw new IllegalStateException("cast boom");
        s.processed++;
        return Result.noReply(s);
    }
}
