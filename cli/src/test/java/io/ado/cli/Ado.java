package io.ado.cli;

import io.ado.controller.state.StoreSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real {@code bin/ado} launcher (with the jar the package phase built) as a child process. */
final class Ado {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)");

    /** Own threads for pipe readers: the common pool has one thread on 2 cores and a stuck reader would stall every test. */
    private static final Executor READERS = r -> Thread.ofVirtual().start(r);

    record Result(int exit, String out, String err) {}

    static ProcessBuilder builder(String controller, List<String> args) { return builder(controller, args, Map.of()); }

    /** {@code extraEnv} on top of this JVM's environment; the test servers' store password is there already (the one place it may come from). */
    static ProcessBuilder builder(String controller, List<String> args, Map<String, String> extraEnv) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("bin/ado").toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("ADO_SKIP_BUILD", "1");
        if (controller != null) env.put("ADO_CONTROLLER", controller);
        if (!SharedServers.PASSWORD.isEmpty()) env.put(StoreSettings.PASSWORD_ENV, SharedServers.PASSWORD);
        env.putAll(extraEnv);
        return pb;
    }

    static Result run(String controller, String... args) throws Exception { return runWithEnv(Map.of(), controller, args); }

    static Result runWithEnv(Map<String, String> extraEnv, String controller, String... args) throws Exception {
        Process p = builder(controller, List.of(args), extraEnv).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()), READERS);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()), READERS);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ado " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    /** Starts a long-running command and returns it once it printed its URL line. */
    static Started start(String... args) throws Exception { return start(Map.of(), args); }

    /** The same with {@code extraEnv} on top of this JVM's environment (e.g. {@code DOCKER_HOST} for the workers). */
    static Started start(Map<String, String> extraEnv, String... args) throws Exception {
        Process p = builder(null, List.of(args), extraEnv).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = URL.matcher(line);
                    if (m.find()) return m.group(1);
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        }, READERS);
        String u = url.get(90, TimeUnit.SECONDS);
        if (u == null) throw new AssertionError("ado " + String.join(" ", args) + " exited without printing its URL");
        Thread.ofVirtual().start(() -> read(p.getInputStream())); // keep draining so it never blocks on a full pipe
        return new Started(p, u);
    }

    record Started(Process process, String url) implements AutoCloseable {
        /** The worker child process started by {@code ado up} with this id. */
        ProcessHandle worker(String id) {
            return process.descendants().filter(h -> h.info().arguments().map(a -> List.of(a).contains(id)).orElse(false))
                    .findFirst().orElseThrow(() -> new AssertionError("no worker process " + id));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
