package io.ado.cli.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load generator of the throughput phases: {@code clients} keep-alive HTTP/1.1 connections,
 * each on its own virtual thread, POSTing one task after another and reading each reply before
 * the next (closed loop, like wrk's connections). Plain sockets instead of the JDK HttpClient,
 * whose per-request machinery costs more CPU than the controller's own handling and would be
 * measured instead of it on a 2-core machine. Every reply must be 201.
 */
final class Submitters {
    private Submitters() {}

    /** Sends {@code total} POSTs of {@code body} to {@code path} over {@code clients} connections; returns when all were answered. */
    static void post(String host, int port, String path, String body, int total, int clients) throws Exception {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        byte[] request = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: application/json\r\nContent-Length: "
                + json.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        AtomicInteger left = new AtomicInteger(total);
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofVirtual().name("submitter-" + i).start(() -> {
                try (Socket s = new Socket(host, port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
                    while (left.getAndDecrement() > 0 && failure.get() == null) {
                        out.write(request);
                        out.flush();
                        readReply(in);
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : threads) t.join();
        if (failure.get() != null) throw new IllegalStateException("bench: a submit failed: " + failure.get().getMessage(), failure.get());
    }

    /** Reads one response (status line, headers, Content-Length body) and checks it is a 201. */
    private static void readReply(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 201")) throw new IOException("submit answered '" + status + "'");
        int length = -1;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.regionMatches(true, 0, "content-length", 0, colon)) length = Integer.parseInt(h.substring(colon + 1).trim());
        }
        if (length < 0) throw new IOException("reply without Content-Length");
        in.skipNBytes(length);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new IOException("connection closed mid-reply");
            if (c != '\r') b.append((char) c);
        }
        return b.toString();
    }
}
