package io.ado.controller.api;

import io.ado.controller.state.EventBus;
import io.ado.controller.state.OutputChunk;
import io.ado.controller.state.StateStore;
import io.ado.controller.state.TaskRecord;
import io.ado.protocol.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One subscriber of one task's output, from sequence number {@code from}. No line is lost or
 * sent twice: it subscribes to live messages first (buffering them), then replays the store
 * from {@code from}, then releases the buffer, dropping any chunk whose seq it already sent.
 * The store has everything published before the subscription because the control plane
 * writes before it publishes. {@code End} is always the last message.
 */
final class TaskStreamSubscription implements Consumer<StreamMessage> {
    private static final int PAGE = 1000;

    private final String taskId;
    private final Outbox out;
    private long nextSeq;
    private boolean replaying = true;
    private boolean ended;
    private final List<StreamMessage> buffered = new ArrayList<>();
    private Runnable unsubscribe = () -> {};

    TaskStreamSubscription(String taskId, long from, Outbox out) {
        this.taskId = taskId;
        this.nextSeq = Math.max(0, from);
        this.out = out;
    }

    void start(EventBus events, StateStore store) {
        unsubscribe = events.subscribeTask(taskId, this);
        replay(store);
        synchronized (this) {
            replaying = false;
            for (StreamMessage m : buffered) deliver(m);
            buffered.clear();
        }
        if (!isEnded()) {
            // Ended before we subscribed: the store holds all of it; send the rest and the end.
            TaskRecord t = store.task(taskId).orElseThrow();
            if (t.status().isTerminal()) {
                replay(store);
                synchronized (this) { deliver(new StreamMessage.End(taskId, t.status(), t.exitCode(), t.error())); }
            }
        }
    }

    private void replay(StateStore store) {
        while (true) {
            long from;
            synchronized (this) { from = nextSeq; }
            List<OutputChunk> page = store.output(taskId, from, PAGE);
            synchronized (this) { for (OutputChunk c : page) deliver(c.message()); }
            if (page.size() < PAGE) return;
        }
    }

    @Override
    public synchronized void accept(StreamMessage m) {
        if (replaying) buffered.add(m);
        else deliver(m);
    }

    private void deliver(StreamMessage m) {
        if (ended) return;
        switch (m) {
            case StreamMessage.Chunk c -> {
                if (c.seq() < nextSeq) return;
                nextSeq = c.seq() + 1;
                out.send(c);
            }
            case StreamMessage.Status s -> out.send(s);
            case StreamMessage.End e -> {
                ended = true;
                out.send(e);
                out.closeAfterDrain();
                unsubscribe.run();
            }
        }
    }

    synchronized boolean isEnded() { return ended; }

    void stop() { unsubscribe.run(); }
}
