package io.ado.bench.dsup;

import io.ado.cluster.remote.MessageTypes;
import io.ado.runtime.Behavior;
import io.ado.runtime.From;
import io.ado.runtime.ProcessContext;
import io.ado.runtime.Result;

/** The child the failover benchmark moves around: answers a ping with its node. */
public final class BenchWorker implements Behavior<String> {
    public record Ping() {}

    public static void registerTypes(MessageTypes t) {
        if (!t.isRegistered(Ping.class)) t.register("bench.ping", Ping.class);
    }

    @Override public String init(Object args) { return ProcessContext.current().runtime().node(); }

    @Override public Result<String> handleCall(Object msg, From from, String node) { return Result.reply(node, node); }
}
