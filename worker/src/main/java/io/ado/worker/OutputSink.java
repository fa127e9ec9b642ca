package io.ado.worker;

import io.ado.protocol.OutputStream;

/** Where a running task's output goes, chunk by chunk, stdout and stderr apart. */
@FunctionalInterface
public interface OutputSink {
    void chunk(OutputStream stream, String data);
}
