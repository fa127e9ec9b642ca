package io.ado.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of the engine client: where the engine is, and HTTP bodies. */
class EngineClientPartsTest {
    @Test
    void dockerHostWinsThenTheConfiguredHostThenTheDefaultSockets() {
        assertThat(EngineDiscovery.candidates(Map.of("DOCKER_HOST", "unix:///tmp/p.sock"), "tcp://10.0.0.1:2375"))
                .extracting(EngineAddress::text).containsExactly("unix:///tmp/p.sock");
        assertThat(EngineDiscovery.candidates(Map.of(), "tcp://10.0.0.1:2375")).extracting(EngineAddress::text).containsExactly("tcp://10.0.0.1:2375");
        assertThat(EngineDiscovery.candidates(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), null)).extracting(EngineAddress::text)
                .containsExactly("unix:///var/run/docker.sock", "unix:///run/podman/podman.sock", "unix:///run/user/1000/podman/podman.sock");
        assertThat(EngineDiscovery.candidates(Map.of("DOCKER_HOST", " "), " ")).hasSize(2);
    }

    @Test
    void addressesAreUnixOrTcpAndNothingElse() {
        EngineAddress unix = EngineAddress.parse("unix:///run/podman/podman.sock");
        assertThat(unix.socket()).isEqualTo(Path.of("/run/podman/podman.sock"));
        EngineAddress tcp = EngineAddress.parse("tcp://127.0.0.1:2376");
        assertThat(tcp.host()).isEqualTo("127.0.0.1");
        assertThat(tcp.port()).isEqualTo(2376);
        assertThat(EngineAddress.parse("tcp://docker").port()).isEqualTo(2375);
        assertThatThrownBy(() -> EngineAddress.parse("unix://relative.sock")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> EngineAddress.parse("ssh://me@host")).hasMessage("container host: must be unix:///path or tcp://host:port, not 'ssh://me@host'");
        assertThatThrownBy(() -> EngineAddress.parse("")).hasMessage("container host: must not be blank");
    }

    static ChannelReader reader(String text) {
        return new ChannelReader(Channels.newChannel(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))));
    }

    static String readAll(InputStream in) throws Exception { return new String(in.readAllBytes(), StandardCharsets.UTF_8); }

    @Test
    void chunkedBodiesAreDecodedAndHandedOnChunkByChunk() throws Exception {
        ChannelReader r = reader("5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\nNEXT");
        InputStream body = HttpBodies.of(r, "chunked", null, false);
        byte[] buf = new byte[100];
        int n = body.read(buf, 0, buf.length);
        assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("hello"); // one chunk per read: nothing waits for the next
        assertThat(readAll(body)).isEqualTo(", world");
        assertThat(body.read()).isEqualTo(-1);
        assertThat(readAll(r)).isEqualTo("NEXT"); // the trailers were consumed, nothing more
    }

    @Test
    void lengthAndEndOfConnectionBodies() throws Exception {
        assertThat(readAll(HttpBodies.of(reader("abcdef"), null, "3", false))).isEqualTo("abc");
        assertThat(readAll(HttpBodies.of(reader("abcdef"), null, null, false))).isEqualTo("abcdef");
        assertThat(readAll(HttpBodies.of(reader("abcdef"), null, "3", true))).isEmpty();
        assertThatThrownBy(() -> readAll(HttpBodies.of(reader("ab"), null, "3", false))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> readAll(HttpBodies.of(reader("5\r\nab"), "chunked", null, false))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> readAll(HttpBodies.of(reader("zz\r\n"), "chunked", null, false))).hasMessage("bad chunk size 'zz'");
    }

    @Test
    void ulimitsAreSoftColonHard() {
        assertThat(ContainerConfig.Ulimit.parse("nofile", "1024:2048")).isEqualTo(new ContainerConfig.Ulimit("nofile", 1024, 2048));
        assertThat(ContainerConfig.Ulimit.parse("nproc", "4096")).isEqualTo(new ContainerConfig.Ulimit("nproc", 4096, 4096));
        assertThatThrownBy(() -> ContainerConfig.Ulimit.parse("nofile", "lots")).hasMessage("ulimits.nofile: must be SOFT:HARD like 1024:1024, not 'lots'");
        assertThatThrownBy(() -> ContainerConfig.Ulimit.parse("nofile", "10:5")).hasMessage("ulimits.nofile: needs 0 <= soft <= hard, got 10:5");
    }
}
