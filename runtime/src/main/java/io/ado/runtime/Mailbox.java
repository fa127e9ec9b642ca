package io.ado.runtime;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Multi-producer, single-consumer queue with O(1) enqueue and dequeue at any depth. The
 * consumer spins briefly, then parks; producers unpark it only when it announced it is
 * waiting, so a busy process costs no unpark per message.
 */
final class Mailbox {
    private static final int SPINS = 64;

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private volatile Thread consumer;
    private volatile boolean waiting;

    void bind(Thread consumer) { this.consumer = consumer; }

    void put(Object message) {
        queue.offer(message);
        if (waiting) {
            Thread t = consumer;
            if (t != null) LockSupport.unpark(t);
        }
    }

    /** Next message, waiting as long as it takes; returns null if the thread was interrupted. */
    Object take() {
        for (;;) {
            Object m = queue.poll();
            if (m != null) return m;
            for (int i = 0; i < SPINS; i++) {
                Thread.onSpinWait();
                m = queue.poll();
                if (m != null) return m;
            }
            waiting = true; // volatile write, then re-check: pairs with put's offer-then-read
            m = queue.poll();
            if (m != null) {
                waiting = false;
                return m;
            }
            LockSupport.park(this);
            waiting = false;
            if (Thread.currentThread().isInterrupted()) return null;
        }
    }

    Object poll() { return queue.poll(); }

    int size() { return queue.size(); }
}
