package io.ado.cli;

import io.ado.protocol.OutputStream;
import io.ado.protocol.StreamMessage;
import java.io.PrintStream;
import java.util.List;

/** Prints tables and task output; stdout and stderr of a task go to ours. */
final class Printer {
    private Printer() {}

    static void chunk(StreamMessage.Chunk c, PrintStream out, PrintStream err, String prefix) {
        PrintStream target = c.stream() == OutputStream.STDERR ? err : out;
        if (prefix == null) target.print(c.data());
        else c.data().lines().forEach(l -> target.println(prefix + l));
        target.flush();
    }

    /** Left-aligned columns, as wide as their widest cell. */
    static void table(PrintStream out, List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) w[i] = header.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r.get(i).length());
        StringBuilder fmt = new StringBuilder();
        for (int i = 0; i < w.length; i++) fmt.append("%-").append(w[i]).append(i == w.length - 1 ? "s%n" : "s  ");
        out.printf(fmt.toString(), header.toArray());
        for (List<String> r : rows) out.printf(fmt.toString(), r.toArray());
    }

    static String ago(Long millis) {
        if (millis == null) return "-";
        long s = Math.max(0, (System.currentTimeMillis() - millis) / 1000);
        return s < 60 ? s + "s ago" : s < 3600 ? s / 60 + "m ago" : s / 3600 + "h ago";
    }

    static String orDash(Object o) { return o == null ? "-" : o.toString(); }
}
