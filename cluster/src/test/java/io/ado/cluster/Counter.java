package io.ado.cluster;

import io.ado.cluster.remote.MessageTypes;
import io.ado.runtime.Behavior;
import io.ado.runtime.ExitReason;
import io.ado.runtime.From;
import io.ado.runtime.Result;

/** A test process: a running total. {@link Hang} is never answered; {@link Boom} crashes it. */
final class Counter implements Behavior<Integer> {
    record Add(int n) {}

    record Get() {}

    record Hang() {}

    record Boom() {}

    record Quit() {}

    static MessageTypes types() {
        return new MessageTypes().register(Add.class).register(Get.class).register(Hang.class).register(Boom.class).register(Quit.class);
    }

    @Override public Integer init(Object args) { return 0; }

    @Override
    public Result<Integer> handleCall(Object msg, From from, Integer total) {
        return switch (msg) {
            case Add a -> Result.reply(total + a.n(), total + a.n());
            case Get g -> Result.reply(total, total);
            case Hang h -> Result.noReply(total);
            case Boom b -> throw new IllegalStateException("boom");
            case Quit q -> Result.stopAndReply(ExitReason.NORMAL, "bye", total);
            default -> throw new IllegalArgumentException("unexpected " + msg);
        };
    }

    @Override
    public Result<Integer> handleCast(Object msg, Integer total) {
        return msg instanceof Add a ? Result.noReply(total + a.n()) : Result.noReply(total);
    }

    @Override
    public Result<Integer> handleInfo(Object msg, Integer total) { return handleCast(msg, total); }
}
