package io.ado.worker.engine;

import java.time.Instant;
import java.util.Map;

/** One container of {@code GET /containers/json}: its id, labels, creation time and state ({@code running}, {@code exited}, ...). */
public record ContainerSummary(String id, Map<String, String> labels, Instant created, String state) {
    public ContainerSummary { labels = Map.copyOf(labels); }
}
