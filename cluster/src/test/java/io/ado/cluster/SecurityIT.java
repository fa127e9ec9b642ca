package io.ado.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ado.cluster.transport.FrameCodec;
import io.ado.cluster.transport.Handshake;
import io.ado.cluster.transport.HandshakeMessage;
import io.ado.cluster.transport.WireCodec;
import io.ado.cluster.transport.WireMessage;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityIT {
    private static final String SECRET = "correct horse battery staple";

    /** Two nodes with the right secret, connected. */
    private static List<ClusterNode> pair(TestNodes t) {
        ClusterNode a = t.start(TestNodes.config("a").clusterSecret(SECRET));
        ClusterNode b = t.start(TestNodes.config("b").clusterSecret(SECRET).seeds(a.getLocalNodeId().toString()));
        TestNodes.awaitFullMesh(List.of(a, b), Duration.ofSeconds(5));
        return List.of(a, b);
    }

    @Test
    void aNodeWithAWrongSecretNeverComesUpAndNobodySeesIt() {
        try (TestNodes t = new TestNodes()) {
            List<ClusterNode> pair = pair(t);
            ClusterNode a = pair.get(0);
            ClusterNode b = pair.get(1);
            ClusterNode intruder = t.start(TestNodes.config("intruder").clusterSecret("guess")
                    .seeds(a.getLocalNodeId().toString(), b.getLocalNodeId().toString()));
            await().atMost(Duration.ofSeconds(5)).until(() -> a.stats().handshakeFailures() >= 2 && b.stats().handshakeFailures() >= 2);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() ->
                    TestNodes.connected(a).equals(List.of(b.getLocalNodeId())) && TestNodes.connected(b).equals(List.of(a.getLocalNodeId()))
                            && intruder.getConnectedNodes().isEmpty());
            assertThat(t.ups).doesNotContain(intruder.getLocalNodeId());
            assertThat(a.membership().get(intruder.getLocalNodeId())).isEmpty();
            assertThat(intruder.stats().handshakeFailures()).as("the intruder also refuses our proofs").isPositive();
        }
    }

    @Test
    void aTamperedFrameIsRejectedCountedAndTheNodeRecovers() throws Exception {
        try (TestNodes t = new TestNodes()) {
            ClusterNode b = t.start(TestNodes.config("b").clusterSecret(SECRET));
            try (WireTap tap = new WireTap(b.getLocalNodeId().port())) {
                ClusterNode a = tappedPeer(t, tap, b);
                // A's next frame keeps its sequence number and MAC but says goodbye: a graceful_shutdown if it were believed
                tap.substituteNext(new WireCodec().encode(new WireMessage.Goodbye()));
                await().atMost(Duration.ofSeconds(5)).until(() -> b.stats().forged() == 1);
                assertThat(b.stats().connectionsClosedOnError()).isEqualTo(1);
                await().atMost(Duration.ofSeconds(5)).until(() -> !t.downsOf(a.getLocalNodeId()).isEmpty());
                assertThat(t.downsOf(a.getLocalNodeId())).extracting(TestNodes.DownEvent::reason).doesNotContain(NodeDownReason.GRACEFUL_SHUTDOWN);
                TestNodes.awaitFullMesh(List.of(a, b), Duration.ofSeconds(5)); // redialed over a fresh session
            }
        }
    }

    @Test
    void aReplayedFrameIsRejectedAndCounted() throws Exception {
        try (TestNodes t = new TestNodes()) {
            ClusterNode b = t.start(TestNodes.config("b").clusterSecret(SECRET));
            try (WireTap tap = new WireTap(b.getLocalNodeId().port())) {
                ClusterNode a = tappedPeer(t, tap, b);
                tap.replayNext(); // A's next frame (a heartbeat) arrives twice
                await().atMost(Duration.ofSeconds(5)).until(() -> b.stats().replayed() == 1);
                assertThat(tap.done()).isTrue();
                assertThat(b.stats().forged()).isZero();
                TestNodes.awaitFullMesh(List.of(a, b), Duration.ofSeconds(5));
            }
        }
    }

    /**
     * A node whose one link to {@code b} runs through {@code tap} (it dials the tap as a host:port seed).
     * Its slow DNS retry keeps it to one dial: a second one racing the first would leave a link to
     * supersede, whose last frame could take the attack. After the attack, B redials it directly.
     */
    private static ClusterNode tappedPeer(TestNodes t, WireTap tap, ClusterNode b) {
        ClusterNode a = t.start(TestNodes.config("a").clusterSecret(SECRET).seeds(tap.seed()).reconnectBaseDelayMs(2000).reconnectMaxDelayMs(4000));
        TestNodes.awaitFullMesh(List.of(a, b), Duration.ofSeconds(5));
        return a;
    }

    @Test
    void oversizedMalformedAndUnprovenConnectionsAreCountedAndClosed() throws Exception {
        try (TestNodes t = new TestNodes()) {
            List<ClusterNode> pair = pair(t);
            ClusterNode a = pair.get(0);
            ClusterNode b = pair.get(1);
            NodeId target = a.getLocalNodeId();

            try (Socket s = new Socket(target.host(), target.port())) {
                new DataOutputStream(s.getOutputStream()).writeInt(512 * 1024 * 1024);
                assertThat(s.getInputStream().read()).as("closed by the node").isEqualTo(-1);
            }
            try (Socket s = new Socket(target.host(), target.port())) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                FrameCodec.write(out, "{not json".getBytes(StandardCharsets.UTF_8), 4096);
                out.flush();
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            try (Socket s = new Socket(target.host(), target.port())) { // a hello, then a made-up proof
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                WireCodec codec = new WireCodec();
                FrameCodec.write(out, codec.encode(new HandshakeMessage.Hello(1, "mallory@127.0.0.1:1", Handshake.b64(Handshake.newNonce()))), 4096);
                out.flush();
                HandshakeMessage challenge = codec.decodeHandshake(FrameCodec.read(new DataInputStream(s.getInputStream()), 4096));
                assertThat(challenge).isInstanceOf(HandshakeMessage.Challenge.class);
                FrameCodec.write(out, codec.encode(new HandshakeMessage.Proof(Handshake.b64(new byte[32]))), 4096);
                out.flush();
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    a.stats().oversized() == 1 && a.stats().malformed() == 1 && a.stats().handshakeFailures() >= 1);
            assertThat(TestNodes.connected(a)).containsExactly(b.getLocalNodeId());
            assertThat(t.downs).isEmpty();
        }
    }
}
