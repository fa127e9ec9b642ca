package io.ado.controller.state;

import io.ado.protocol.Event;
import io.ado.protocol.Json;
import io.ado.protocol.StreamMessage;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The event bus over Redis pub/sub, so every controller replica sees every event and every
 * task's output. Channels: {@code <prefix>events} and {@code <prefix>task:<id>}. Publishing
 * goes through Redis only; local subscribers get their messages back from Redis too, so all
 * replicas see one order. One connection publishes (ordered), one subscribes.
 */
public final class RedisEventBus implements EventBus {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> pub;
    private final StatefulRedisPubSubConnection<String, String> sub;
    private final String prefix;
    private final Subscribers subscribers = new Subscribers();

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
            this.sub = client.connectPubSub();
        } catch (RuntimeException e) {
            client.shutdown();
            throw new IllegalStateException("cannot connect to Redis at " + redacted(uri) + ": " + e.getMessage(), e);
        }
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override public void message(String channel, String message) { dispatch(channel, message); }

            @Override public void message(String pattern, String channel, String message) { dispatch(channel, message); }
        });
        sub.sync().subscribe(prefix + "events");     // sync: subscribed before the constructor returns
        sub.sync().psubscribe(prefix + "task:*");
    }

    private void dispatch(String channel, String message) {
        if (channel.equals(prefix + "events")) {
            subscribers.deliver(Json.read(message, Event.class));
        } else if (channel.startsWith(prefix + "task:")) {
            String taskId = channel.substring(prefix.length() + 5);
            if (subscribers.hasTaskSinks(taskId)) subscribers.deliver(taskId, Json.read(message, StreamMessage.class)); // parse only when someone listens
        }
    }

    @Override public Runnable subscribeEvents(Consumer<Event> sink) { return subscribers.subscribeEvents(sink); }

    @Override public Runnable subscribeTask(String taskId, Consumer<StreamMessage> sink) { return subscribers.subscribeTask(taskId, sink); }

    @Override public void publish(Event e) { pub.async().publish(prefix + "events", Json.write(e)); }

    @Override public void publish(String taskId, StreamMessage m) { pub.async().publish(prefix + "task:" + taskId, Json.write(m)); }

    @Override
    public void close() {
        sub.close();
        pub.close();
        client.shutdown();
    }

    static String redacted(RedisURI uri) { return "redis://" + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase(); }
}
