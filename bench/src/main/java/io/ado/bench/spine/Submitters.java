package io.ado.bench.spine;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's load generator: keep-alive HTTP/1.1 connections over plain sockets, each
 * POSTing one task after another and reading each reply before the next (closed loop, like
 * wrk's connections). Plain sockets instead of the JDK HttpClient, whose per-request machinery
 * costs more CPU (and adds more latency) than the controller's own handling, and would be
 * measured instead of it on a 2-core machine. Every reply must be 201.
 */
final class Submitters implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] head;

    /** One keep-alive connection POSTing JSON to {@code path}. */
    Submitters(String host, int port, String path) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: application/json\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one POST and returns the reply body. */
    String post(byte[] json) throws IOException {
        out.write(head);
        out.write((json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.flush();
        return readReply();
    }

    @Override
    public void close() throws IOException { socket.close(); }

    /**
     * Sends {@code total} POSTs of {@code body} to {@code path} over {@code clients} connections;
     * returns when all were answered, with the CPU time the submitting threads used (platform
     * threads, so that the controller's virtual threads' carriers carry no client work).
     */
    static long post(String host, int port, String path, String body, int total, int clients) throws Exception {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        AtomicInteger left = new AtomicInteger(total);
        AtomicReference<Exception> failure = new AtomicReference<>();
        LongAdder cpu = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().name("submitter-" + i).start(() -> {
                try (Submitters s = new Submitters(host, port, path)) {
                    while (left.getAndDecrement() > 0 && failure.get() == null) s.post(json);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                } finally {
                    cpu.add(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                }
            }));
        }
        for (Thread t : threads) t.join();
        if (failure.get() != null) throw new IllegalStateException("bench: a submit failed: " + failure.get().getMessage(), failure.get());
        return cpu.sum();
    }

    /** Reads one response (status line, headers, Content-Length body) and checks it is a 201. */
    private String readReply() throws IOException {
        String status = line();
        int length = -1;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.regionMatches(true, 0, "content-length", 0, colon)) length = Integer.parseInt(h.substring(colon + 1).trim());
        }
        if (length < 0) throw new IOException("reply without Content-Length: " + status);
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        if (!status.startsWith("HTTP/1.1 201")) throw new IllegalStateException("bench: submit answered '" + status + "': " + body); // not retried
        return body;
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new IOException("connection closed mid-reply");
            if (c != '\r') b.append((char) c);
        }
        return b.toString();
    }
}
