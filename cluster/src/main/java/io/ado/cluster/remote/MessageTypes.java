package io.ado.cluster.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.ado.cluster.transport.Payload;
import io.ado.cluster.transport.WireCodec;
import io.ado.runtime.ProcessRef;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allow-list of message classes that may cross the wire. A payload names its type by an
 * alias registered here; decoding looks the alias up and never loads a class by a name taken
 * from the wire. Every node must register the same aliases for the types it exchanges.
 */
public final class MessageTypes {
    private final ObjectMapper mapper;
    private final Map<String, Class<?>> byAlias = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> byClass = new ConcurrentHashMap<>();

    public MessageTypes() { this(WireCodec.newMapper()); }

    MessageTypes(ObjectMapper mapper) {
        this.mapper = mapper;
        register("string", String.class);
        register("int", Integer.class);
        register("long", Long.class);
        register("double", Double.class);
        register("bool", Boolean.class);
        register("ref", ProcessRef.class);
        register("bytes", byte[].class);
        register("json", JsonNode.class);
    }

    /** Registers {@code type} under its class name. */
    public MessageTypes register(Class<?> type) { return register(type.getName(), type); }

    public MessageTypes register(String alias, Class<?> type) {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(type, "type");
        Class<?> prev = byAlias.putIfAbsent(alias, type);
        if (prev != null && prev != type) throw new IllegalArgumentException("alias '" + alias + "' is already " + prev.getName());
        byClass.putIfAbsent(type, alias);
        return this;
    }

    public boolean isRegistered(Class<?> type) { return aliasOf(type) != null; }

    /** @throws IllegalArgumentException if the message's class is not registered */
    public Payload encode(Object msg) {
        if (msg == null) return new Payload("null", NullNode.getInstance());
        String alias = aliasOf(msg.getClass());
        if (alias == null) {
            throw new IllegalArgumentException("message type " + msg.getClass().getName()
                    + " is not registered for the cluster: call messageTypes().register(" + msg.getClass().getSimpleName() + ".class)");
        }
        return new Payload(alias, mapper.valueToTree(msg));
    }

    /** @throws IllegalArgumentException for an unknown alias or a value that does not fit its type */
    public Object decode(Payload p) {
        if (p == null || "null".equals(p.type())) return null;
        Class<?> type = byAlias.get(p.type());
        if (type == null) throw new IllegalArgumentException("message type alias '" + p.type() + "' is not registered here");
        try {
            return mapper.treeToValue(p.value(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("payload does not fit " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private String aliasOf(Class<?> c) {
        String a = byClass.get(c);
        if (a != null) return a;
        if (JsonNode.class.isAssignableFrom(c)) return "json"; // ObjectNode, ArrayNode, ...
        return null;
    }
}
