package io.ado.controller.state;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ado.protocol.Event;
import io.ado.protocol.Json;
import io.ado.protocol.StreamMessage;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The event bus over Redis pub/sub, so every controller replica sees every event and every
 * task's output. Two channels, {@code <prefix>events} and {@code <prefix>tasks} (every task's
 * stream messages, each naming its task); each Redis message is {@code <origin>\n[json, ...]}. This replica's own subscribers get a message at once, in publish
 * order, and skip its echo from Redis; the others get it from Redis in the same order, because
 * only the leader publishes and it publishes through one connection, from one sender thread
 * (so the control plane never waits on encoding or the socket).
 */
public final class RedisEventBus implements EventBus {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> pub;
    private final StatefulRedisPubSubConnection<String, String> sub;
    private final String prefix;
    private final String origin = UUID.randomUUID().toString().substring(0, 8);
    private final Subscribers subscribers = new Subscribers();

    @Override public int streamSubscribers() { return subscribers.taskSinkCount(); }
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RedisEventBus.class);
    /** A message waiting for the publisher thread, and the channel it goes to. */
    private record Outgoing(String channel, Object message) {}
    private final LinkedBlockingQueue<Outgoing> outgoing = new LinkedBlockingQueue<>();
    private final Thread sender;
    private static final Outgoing STOP = new Outgoing(null, null);
    private static final int MAX_MESSAGE_CHARS = 1 << 20;
    private static final TypeReference<List<Event>> EVENTS = new TypeReference<>() {};
    private static final TypeReference<List<StreamMessage>> STREAM = new TypeReference<>() {};

    /**
     * @param redisUrl e.g. {@code redis://127.0.0.1:6379}
     * @param prefix channel prefix, e.g. {@code ado:}; separates installations sharing a Redis
     * @throws IllegalStateException naming the URL (without its password) if Redis cannot be reached
     */
    public RedisEventBus(String redisUrl, String prefix) {
        this.prefix = prefix;
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(Duration.ofSeconds(5));
        this.client = RedisClient.create(uri);
        try {
            this.pub = client.connect();
            pub.setAutoFlushCommands(false); // the sender flushes once per burst
            this.sub = client.connectPubSub();
        } catch (RuntimeException e) {
            client.shutdown();
            throw new IllegalStateException("cannot connect to Redis at " + redacted(uri) + ": " + e.getMessage(), e);
        }
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override public void message(String channel, String message) { dispatch(channel, message); }

            @Override public void message(String pattern, String channel, String message) { dispatch(channel, message); }
        });
        sub.sync().subscribe(prefix + "events", prefix + "tasks"); // sync: subscribed before the constructor returns
        this.sender = Thread.ofVirtual().name("redis-publisher").start(this::send);
    }

    /**
     * Publishes what is queued, in order: everything waiting at that moment goes out as one
     * message per channel ({@code <origin>\n[json, ...]}) and one flush, so a burst costs a
     * few Redis commands instead of one each, on this side and on every subscriber's.
     */
    private void send() {
        List<Outgoing> drained = new ArrayList<>();
        while (true) {
            try {
                drained.add(outgoing.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            outgoing.drainTo(drained, 4096);
            Map<String, StringBuilder> byChannel = new LinkedHashMap<>();
            boolean stop = false;
            for (Outgoing m : drained) {
                if (m == STOP) { stop = true; break; }
                String json;
                try {
                    json = Json.write(m.message());
                } catch (RuntimeException e) { // one message that cannot be written must not stop the others
                    log.error("redis publisher: dropped a message: {}", e.toString());
                    continue;
                }
                String channel = m.channel();
                StringBuilder text = byChannel.get(channel);
                if (text != null && text.length() + json.length() > MAX_MESSAGE_CHARS) { // keep each Redis message well below its buffer limits
                    publish(channel, text);
                    text = null;
                }
                if (text == null) byChannel.put(channel, text = new StringBuilder(origin).append("\n["));
                else text.append(',');
                text.append(json); // each as a root value: keeps its type id
            }
            drained.clear();
            byChannel.forEach(this::publish);
            try {
                pub.flushCommands();
            } catch (RuntimeException e) {
                log.error("redis publisher: flush failed: {}", e.toString());
            }
            if (stop) return;
        }
    }

    private void publish(String channel, StringBuilder text) {
        try {
            pub.async().publish(channel, text.append(']').toString());
        } catch (RuntimeException e) {
            log.error("redis publisher: publish failed: {}", e.toString());
        }
    }

    private void dispatch(String channel, String message) {
        int nl = message.indexOf('\n');
        if (nl < 0 || message.startsWith(origin + "\n")) return; // ours (delivered when published), or not an ado message
        String json = message.substring(nl + 1);
        if (channel.equals(prefix + "events")) {
            for (Event e : Json.read(json, EVENTS)) subscribers.deliver(e);
        } else if (channel.equals(prefix + "tasks")) {
            if (!subscribers.hasAnyTaskSinks()) return; // parse only when someone here listens
            for (StreamMessage m : Json.read(json, STREAM)) subscribers.deliver(m.taskId(), m);
        }
    }

    @Override public Runnable subscribeEvents(Consumer<Event> sink) { return subscribers.subscribeEvents(sink); }

    @Override public Runnable subscribeTask(String taskId, Consumer<StreamMessage> sink) { return subscribers.subscribeTask(taskId, sink); }

    @Override
    public void publish(Event e) {
        subscribers.deliver(e);
        outgoing.add(new Outgoing(prefix + "events", e));
    }

    @Override
    public void publish(String taskId, StreamMessage m) {
        subscribers.deliver(taskId, m);
        outgoing.add(new Outgoing(prefix + "tasks", m));
    }

    @Override
    public void close() {
        outgoing.add(STOP);
        try {
            sender.join(5_000); // what was published before close still goes out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sub.close();
        pub.close();
        client.shutdown();
    }

    static String redacted(RedisURI uri) { return "redis://" + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase(); }
}
