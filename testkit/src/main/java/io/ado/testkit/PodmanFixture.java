package io.ado.testkit;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real container engine for tests: Podman's Docker-compatible service on a socket of the test's
 * own ({@code podman --runtime runc system service --time=0 unix://DIR/podman.sock}), and the image
 * {@link #IMAGE}, made once from Debian's static busybox ({@code busybox-static}) as a rootfs
 * tarball imported with {@code podman import} (no registry is reachable here). Without podman the
 * test fails with what to install; {@code .ci/run} installs it.
 */
public final class PodmanFixture implements AutoCloseable {
    /** The test image as the engine names it; {@code local/busybox} finds it too. */
    public static final String IMAGE = "localhost/local/busybox";
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Process service;
    private final Path socket;

    private PodmanFixture(Process service, Path socket) {
        this.service = service;
        this.socket = socket;
    }

    /** Makes sure the image exists, then starts a service on {@code dir/podman.sock} and waits until it accepts connections. */
    public static PodmanFixture start(Path dir) throws IOException, InterruptedException {
        ensureImage(dir);
        Path socket = dir.resolve("podman.sock");
        Files.deleteIfExists(socket);
        Process p = new ProcessBuilder("podman", "--runtime", "runc", "system", "service", "--time=0", "unix://" + socket)
                .redirectErrorStream(true).redirectOutput(dir.resolve("podman-service.log").toFile()).start();
        PodmanFixture f = new PodmanFixture(p, socket);
        try {
            f.awaitListening(dir);
        } catch (IOException | RuntimeException | InterruptedException e) {
            f.close();
            throw e;
        }
        return f;
    }

    public Path socket() { return socket; }

    /** {@code unix:///.../podman.sock}, as {@code DOCKER_HOST} takes it. */
    public String dockerHost() { return "unix://" + socket; }

    /** SIGKILL of the service: the engine is gone (its containers live on under conmon). */
    public void kill() throws InterruptedException {
        service.destroyForcibly();
        service.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        service.destroy();
        if (!service.waitFor(30, TimeUnit.SECONDS)) service.destroyForcibly();
    }

    /** {@code podman ARGS...} on the host's storage (the one the service uses); its output, or an error with it. */
    public static String podman(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("podman"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** The image, imported once; a second call finds it and does nothing. */
    public static synchronized void ensureImage(Path scratch) throws IOException, InterruptedException {
        requirePodman();
        Process exists = new ProcessBuilder("podman", "image", "exists", IMAGE).redirectErrorStream(true).start();
        exists.getInputStream().readAllBytes();
        if (exists.waitFor() == 0) return;
        if (!Files.isExecutable(BUSYBOX)) throw new IllegalStateException("the test image needs a static busybox at " + BUSYBOX + ": apt-get install -y busybox-static");
        Path rootfs = scratch.resolve("busybox-rootfs");
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        for (String d : List.of("tmp", "etc", "proc", "sys", "dev")) Files.createDirectories(rootfs.resolve(d));
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        for (String applet : run(List.of(BUSYBOX.toString(), "--list")).split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox") && !applet.contains("/")) Files.createSymbolicLink(bin.resolve(applet.trim()), Path.of("busybox"));
        }
        Path tar = scratch.resolve("busybox-rootfs.tar");
        run(List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."));
        run(List.of("podman", "import", tar.toString(), "local/busybox"));
    }

    private static void requirePodman() throws InterruptedException {
        try {
            run(List.of("podman", "--version"));
        } catch (IOException e) {
            throw new IllegalStateException("these tests run containers on a real Podman, which is not installed here ("
                    + e.getMessage() + "): apt-get install -y podman runc busybox-static (.ci/run installs them)", e);
        }
    }

    /** Waits for the socket file (a watch, no polling), then for the service to accept a connection. */
    private void awaitListening(Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            while (!accepts()) {
                if (!service.isAlive()) throw new IllegalStateException("podman system service exited with " + service.exitValue() + ": see " + dir.resolve("podman-service.log"));
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new IllegalStateException("podman system service did not listen on " + socket + " within " + START_LIMIT);
                var key = watch.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }

    private boolean accepts() {
        if (!Files.exists(socket)) return false;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }, r -> Thread.ofVirtual().start(r));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": no end after 120 s");
        }
        String text = new String(out.join(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + text.strip());
        return text;
    }
}
