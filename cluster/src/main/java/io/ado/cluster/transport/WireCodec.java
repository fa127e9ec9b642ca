package io.ado.cluster.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * JSON encoding of {@link WireMessage}s and {@link HandshakeMessage}s. No default typing and no
 * Java serialization: the only polymorphism is the closed {@code type} tag of each sealed family.
 */
public final class WireCodec {
    private final ObjectMapper mapper = newMapper();

    public static ObjectMapper newMapper() {
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        return new ObjectMapper(f).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    }

    public byte[] encode(WireMessage m) { return write(m, WireMessage.class); }

    public byte[] encode(HandshakeMessage m) { return write(m, HandshakeMessage.class); }

    /** @throws MalformedFrameException if the bytes are not a known message */
    public WireMessage decodeMessage(byte[] json) { return read(json, WireMessage.class); }

    public HandshakeMessage decodeHandshake(byte[] json) { return read(json, HandshakeMessage.class); }

    private <T> byte[] write(T m, Class<T> base) {
        try {
            return mapper.writerFor(base).writeValueAsBytes(m);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode " + m.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private <T> T read(byte[] json, Class<T> base) {
        try {
            T v = mapper.readValue(json, base);
            if (v == null) throw new MalformedFrameException("empty message");
            return v;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedFrameException m) throw m;
            throw new MalformedFrameException("not a valid " + base.getSimpleName() + ": " + e.getClass().getSimpleName());
        }
    }
}
