package io.ado.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which stream of the task's process a chunk came from; kept apart end to end. */
public enum OutputStream {
    @JsonProperty("stdout") STDOUT,
    @JsonProperty("stderr") STDERR
}
