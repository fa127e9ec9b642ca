package io.ado.bench.cluster;

import io.ado.cluster.remote.MessageTypes;
import io.ado.runtime.Behavior;
import io.ado.runtime.From;
import io.ado.runtime.Result;

/** The process the remote call/cast benchmark talks to: a running total. */
final class BenchCounter implements Behavior<Integer> {
    record Add(int n) {}

    record Get() {}

    static MessageTypes types() { return new MessageTypes().register(Add.class).register(Get.class); }

    @Override public Integer init(Object args) { return 0; }

    @Override
    public Result<Integer> handleCall(Object msg, From from, Integer total) {
        return switch (msg) {
            case Add a -> Result.reply(total + a.n(), total + a.n());
            case Get g -> Result.reply(total, total);
            default -> throw new IllegalArgumentException("unexpected " + msg);
        };
    }

    @Override
    public Result<Integer> handleCast(Object msg, Integer total) {
        return msg instanceof Add a ? Result.noReply(total + a.n()) : Result.noReply(total);
    }
}
