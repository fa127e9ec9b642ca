package io.ado.cluster.node;

import io.ado.runtime.Behavior;
import io.ado.runtime.Down;
import io.ado.runtime.Result;
import java.util.concurrent.BlockingQueue;

/** A test process that puts every DOWN it receives into the queue given as its args. */
final class DownCollector implements Behavior<BlockingQueue<Down>> {
    @SuppressWarnings("unchecked")
    @Override public BlockingQueue<Down> init(Object args) { return (BlockingQueue<Down>) args; }

    @Override
    public Result<BlockingQueue<Down>> handleInfo(Object msg, BlockingQueue<Down> q) {
        if (msg instanceof Down d) q.add(d);
        return Result.noReply(q);
    }
}
