package io.ado.cluster;

import java.util.random.RandomGenerator;

/** A RandomGenerator whose nextDouble is a fixed value: reconnect jitter made predictable. */
record FixedRandom(double value) implements RandomGenerator {
    @Override public long nextLong() { return (long) (value * Long.MAX_VALUE); }
    @Override public double nextDouble() { return value; }
}
