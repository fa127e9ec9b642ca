package io.ado.worker.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ado.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /containers/create}: what runs (entrypoint + cmd), its environment,
 * working directory and labels, and the host limits (memory in bytes, CPUs in billionths,
 * ulimits, the OCI runtime; null means the engine's default). {@code tty} is also how its log
 * stream is read back ({@link LogDemuxer}).
 */
public record ContainerConfig(String image, List<String> entrypoint, List<String> cmd, Map<String, String> env, String workingDir,
                              Map<String, String> labels, boolean tty, Long memoryBytes, Long nanoCpus, List<Ulimit> ulimits, String runtime) {

    public ContainerConfig {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        ulimits = List.copyOf(ulimits);
    }

    /** {@code nofile=1024:1024}: a soft and a hard limit. */
    public record Ulimit(String name, long soft, long hard) {
        public Ulimit {
            if (name == null || !name.matches("[a-z]+")) throw new IllegalArgumentException("ulimits: bad name '" + name + "'");
            if (soft < 0 || hard < soft) throw new IllegalArgumentException("ulimits." + name + ": needs 0 <= soft <= hard, got " + soft + ":" + hard);
        }

        /** {@code "1024:1024"} or {@code "1024"} (soft = hard). */
        public static Ulimit parse(String name, String value) {
            String[] p = value.trim().split(":", -1);
            try {
                if (p.length == 1) return new Ulimit(name, Long.parseLong(p[0]), Long.parseLong(p[0]));
                if (p.length == 2) return new Ulimit(name, Long.parseLong(p[0]), Long.parseLong(p[1]));
            } catch (NumberFormatException e) {
                // the message below says what is expected
            }
            throw new IllegalArgumentException("ulimits." + name + ": must be SOFT:HARD like 1024:1024, not '" + value + "'");
        }
    }

    byte[] toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("Image", image);
        strings(o.putArray("Entrypoint"), entrypoint);
        strings(o.putArray("Cmd"), cmd);
        ArrayNode e = o.putArray("Env");
        env.forEach((k, v) -> e.add(k + "=" + v));
        if (workingDir != null) o.put("WorkingDir", workingDir);
        ObjectNode l = o.putObject("Labels");
        labels.forEach(l::put);
        o.put("Tty", tty).put("AttachStdin", false).put("AttachStdout", true).put("AttachStderr", true).put("OpenStdin", false);
        ObjectNode h = o.putObject("HostConfig");
        if (memoryBytes != null) h.put("Memory", memoryBytes);
        if (nanoCpus != null) h.put("NanoCpus", nanoCpus);
        if (runtime != null) h.put("Runtime", runtime);
        ArrayNode u = h.putArray("Ulimits");
        for (Ulimit x : ulimits) u.addObject().put("Name", x.name()).put("Soft", x.soft()).put("Hard", x.hard());
        return Json.write(o).getBytes(StandardCharsets.UTF_8);
    }

    private static void strings(ArrayNode a, List<String> xs) { xs.forEach(a::add); }
}
