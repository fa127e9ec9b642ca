package io.ado.cluster.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.cluster.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every {@link Transport} must do, run against each implementation by a subclass. */
abstract class TransportContract {
    private static final Duration T = Duration.ofSeconds(5);

    /** Records every callback; {@code accept} decides onLinkUp. */
    static final class RecordingHandler implements Transport.LinkHandler {
        volatile boolean accept = true;
        final List<Link> up = new CopyOnWriteArrayList<>();
        final List<WireMessage> received = new CopyOnWriteArrayList<>();
        final List<Link> closed = new CopyOnWriteArrayList<>();
        final List<Boolean> dialFailures = new CopyOnWriteArrayList<>(); // the "rejected" flag of each

        @Override public boolean onLinkUp(Link link) { if (accept) up.add(link); return accept; }
        @Override public void onMessage(Link link, WireMessage message) { received.add(message); }
        @Override public void onLinkClosed(Link link) { closed.add(link); }
        @Override public void onDialFailed(String host, int port, NodeId expected, boolean rejected, Exception cause) { dialFailures.add(rejected); }
    }

    private final List<Transport> opened = new CopyOnWriteArrayList<>();

    /** A fresh, unbound transport; all made by one test must be able to reach each other. */
    abstract Transport newTransport();

    private record Node(Transport transport, NodeId id, RecordingHandler handler) {}

    private Node node(String name) throws Exception {
        Transport t = newTransport();
        opened.add(t);
        int port = t.bind("127.0.0.1", 0);
        NodeId id = new NodeId(name, "127.0.0.1", port);
        RecordingHandler h = new RecordingHandler();
        t.start(id, h);
        return new Node(t, id, h);
    }

    @AfterEach
    void closeAll() { opened.forEach(Transport::close); }

    @Test
    void aDialBringsTheLinkUpOnBothSidesWithPeerAndDialer() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.transport().dial("127.0.0.1", b.id().port(), b.id());
        await().atMost(T).until(() -> a.handler().up.size() == 1 && b.handler().up.size() == 1);
        Link fromA = a.handler().up.getFirst();
        Link atB = b.handler().up.getFirst();
        assertThat(fromA.peer()).isEqualTo(b.id());
        assertThat(atB.peer()).isEqualTo(a.id());
        assertThat(fromA.dialer()).isEqualTo(a.id());
        assertThat(atB.dialer()).isEqualTo(a.id());
        assertThat(atB.token()).isEqualTo(fromA.token());
    }

    @Test
    void messagesArriveInOrder() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.transport().dial("127.0.0.1", b.id().port(), null);
        await().atMost(T).until(() -> a.handler().up.size() == 1 && b.handler().up.size() == 1);
        Link link = a.handler().up.getFirst();
        IntStream.range(0, 500).forEach(i -> link.send(new WireMessage.Heartbeat(i, i, List.of())));
        await().atMost(T).until(() -> b.handler().received.size() == 500);
        assertThat(b.handler().received).extracting(m -> ((WireMessage.Heartbeat) m).uptimeMs())
                .containsExactlyElementsOf(IntStream.range(0, 500).mapToObj(i -> (long) i).toList());
        assertThat(a.transport().stats().snapshot().framesSent()).isEqualTo(500);
        assertThat(b.transport().stats().snapshot().framesReceived()).isEqualTo(500);
    }

    @Test
    void closingOneEndClosesBoth() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.transport().dial("127.0.0.1", b.id().port(), b.id());
        await().atMost(T).until(() -> a.handler().up.size() == 1 && b.handler().up.size() == 1);
        b.handler().up.getFirst().close();
        await().atMost(T).until(() -> a.handler().closed.size() == 1 && b.handler().closed.size() == 1);
        assertThat(a.handler().up.getFirst().send(new WireMessage.Goodbye())).isFalse();
    }

    @Test
    void aDialToNobodyOrToTheWrongNodeFails() throws Exception {
        Node a = node("a");
        Node b = node("b");
        b.transport().close();
        a.transport().dial("127.0.0.1", b.id().port(), b.id());
        Node c = node("c");
        a.transport().dial("127.0.0.1", c.id().port(), new NodeId("not-c", "127.0.0.1", c.id().port()));
        await().atMost(T).until(() -> a.handler().dialFailures.size() == 2);
        assertThat(a.handler().dialFailures).containsOnly(false);
        assertThat(a.handler().up).isEmpty();
        assertThat(c.handler().up).isEmpty();
    }

    @Test
    void aLinkTheAcceptorRefusesIsReportedAsRejected() throws Exception {
        Node a = node("a");
        Node b = node("b");
        b.handler().accept = false;
        a.transport().dial("127.0.0.1", b.id().port(), b.id());
        await().atMost(T).until(() -> a.handler().dialFailures.size() == 1);
        assertThat(a.handler().dialFailures).containsExactly(true);
        assertThat(a.handler().up).isEmpty();
        assertThat(b.handler().closed).as("a refused link was never up, so it is not reported closed").isEmpty();
    }
}
