package io.ado.cluster.transport;

import com.fasterxml.jackson.databind.JsonNode;

/** A user message on the wire: its registered type alias and its JSON value. */
public record Payload(String type, JsonNode value) {}
