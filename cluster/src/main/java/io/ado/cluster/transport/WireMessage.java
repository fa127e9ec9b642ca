package io.ado.cluster.transport;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.ado.runtime.MonitorRef;
import io.ado.runtime.ProcessRef;
import java.util.List;

/**
 * Messages between established peers, JSON with a {@code type} tag chosen from this closed
 * list (never a class name from the wire). User payloads travel as {@link Payload}, whose
 * type is checked against {@link MessageTypes}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WireMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = WireMessage.Goodbye.class, name = "goodbye"),
        @JsonSubTypes.Type(value = WireMessage.Superseded.class, name = "superseded"),
        @JsonSubTypes.Type(value = WireMessage.CallRequest.class, name = "call"),
        @JsonSubTypes.Type(value = WireMessage.CallReply.class, name = "reply"),
        @JsonSubTypes.Type(value = WireMessage.Cast.class, name = "cast"),
        @JsonSubTypes.Type(value = WireMessage.Send.class, name = "send"),
        @JsonSubTypes.Type(value = WireMessage.Monitor.class, name = "monitor"),
        @JsonSubTypes.Type(value = WireMessage.Demonitor.class, name = "demonitor"),
        @JsonSubTypes.Type(value = WireMessage.DownNotice.class, name = "down")})
public sealed interface WireMessage {

    /** Liveness plus node info and gossip: the sender's connected peers. */
    record Heartbeat(long uptimeMs, int processCount, List<String> peers) implements WireMessage {}

    /** The sender is stopping on purpose: report {@code graceful_shutdown}, do not redial. */
    record Goodbye() implements WireMessage {}

    /** This link lost the tie-break to another link between the same nodes: close it quietly. */
    record Superseded() implements WireMessage {}

    /** A process address on the receiving node: a registered name, or an id. */
    record Target(String name, long id) {
        public static Target of(ProcessRef ref) { return new Target(null, ref.id()); }
        public static Target named(String name) { return new Target(name, 0); }
    }

    record CallRequest(long callId, Target target, Payload msg, long timeoutMs) implements WireMessage {}

    /** Either {@code value} or {@code error} is set. */
    record CallReply(long callId, Payload value, CallError error) implements WireMessage {}

    /** Why a remote call failed on the callee's node; {@code process} is set when one was resolved. */
    record CallError(String kind, ProcessRef process, WireReason reason, String message) {
        public static final String EXIT = "exit", TIMEOUT = "timeout", NO_NAME = "noname", BAD_MESSAGE = "badmessage";
    }

    record Cast(Target target, Payload msg) implements WireMessage {}

    record Send(Target target, Payload msg) implements WireMessage {}

    record Monitor(ProcessRef watcher, MonitorRef monitor, long targetId) implements WireMessage {}

    record Demonitor(MonitorRef monitor, long targetId) implements WireMessage {}

    record DownNotice(ProcessRef watcher, MonitorRef monitor, ProcessRef process, WireReason reason) implements WireMessage {}
}
