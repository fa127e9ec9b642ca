package io.ado.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/** Runs a JMH benchmark class and prints one {@code BENCH <name> <value> <unit>} line per figure. */
public final class BenchMain {
    public static void main(String[] args) throws Exception {
        String include = args.length > 0 ? args[0] : RuntimeBenchmarks.class.getSimpleName();
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(include)
                .verbosity(VerboseMode.SILENT).build()).run();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String name = bench.substring(bench.lastIndexOf('.') + 1);
            Statistics st = r.getPrimaryResult().getStatistics();
            switch (name) {
                case "callRoundTrip" -> { line("call_rtt_median", st.getPercentile(50), "us"); line("call_rtt_p99", st.getPercentile(99), "us"); }
                case "supervisorRestart" -> { line("restart_latency_median", st.getPercentile(50), "us"); line("restart_latency_p99", st.getPercentile(99), "us"); }
                case "castBurst1Producer" -> line("cast_throughput_1p_burst1M", 1.0 / st.getPercentile(50), "msgs/s");
                case "castBurst2Producers" -> line("cast_throughput_2p_burst1M", 1.0 / st.getPercentile(50), "msgs/s");
                default -> line(name, st.getPercentile(50), r.getPrimaryResult().getScoreUnit());
            }
        }
    }

    private static void line(String name, double value, String unit) {
        System.out.println(String.format(Locale.ROOT, "BENCH %s %.2f %s", name, value, unit));
    }
}
