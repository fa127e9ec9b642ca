package io.ado.bench.spine;

import io.ado.client.TextWebSocket;
import io.ado.protocol.ControllerMessage;
import io.ado.protocol.Json;
import io.ado.protocol.Protocol;
import io.ado.protocol.WorkerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Workers that speak the real worker protocol over real WebSockets but run nothing: each
 * {@code assign} is answered at once with {@code started} and {@code completed} (exit 0). They
 * measure the controller's own durable path (every transition committed) without the cost of
 * spawning a process per task.
 */
final class InstantWorkers implements AutoCloseable {
    private final List<TextWebSocket> sockets = new ArrayList<>();
    /** Heartbeats, as the protocol asks: without them the controller declares the workers dead after its timeout + grace (90 s by default). */
    private final ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("instant-heartbeats").unstarted(r));

    /** {@code onAssign} hears each assignment's task id as it arrives, before the answer is sent. */
    InstantWorkers(HttpClient http, String base, int count, int slots, Consumer<String> onAssign) throws Exception {
        URI uri = URI.create(base.replaceFirst("^http", "ws") + "/api/v1/workers/connect");
        for (int i = 1; i <= count; i++) {
            AtomicReference<TextWebSocket> self = new AtomicReference<>();
            TextWebSocket s = TextWebSocket.connect(http, uri, Duration.ofSeconds(5), text -> {
                if (Json.read(text, ControllerMessage.class) instanceof ControllerMessage.Assign a) {
                    onAssign.accept(a.taskId());
                    self.get().send(Json.write(new WorkerMessage.Started(a.taskId(), a.attempt())));
                    self.get().send(Json.write(new WorkerMessage.Completed(a.taskId(), a.attempt(), 0)));
                }
            }, why -> {});
            self.set(s);
            s.send(Json.write(new WorkerMessage.Register(Protocol.VERSION, "instant-" + i, "bench", List.of("shell"), 1, 1L << 30, "api", null,
                    slots, List.of())));
            sockets.add(s);
        }
        String beat = Json.write(new WorkerMessage.Heartbeat(1, 10, List.of(), false));
        heartbeats.scheduleAtFixedRate(() -> sockets.forEach(s -> s.send(beat)), 1, 2, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        sockets.forEach(TextWebSocket::close);
    }
}
