package com.supportdesk.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Latencies per kind of request as a Markdown table: count, per second, p50 and p99, and a line for all. */
public final class LatencyTable {
    private LatencyTable() {}

    /**
     * @param nanos   latencies in nanoseconds per kind of request (each list may still be written to: it is
     *                copied under its own lock)
     * @param elapsed seconds the requests were sent over
     * @return every latency, of all kinds
     */
    public static List<Long> print(PrintStream out, String kindColumn, Map<String, List<Long>> nanos, double elapsed) {
        out.printf(
                Locale.ROOT, "| %s | count | per second | p50 ms | p99 ms |%n|---|---:|---:|---:|---:|%n", kindColumn);
        List<Long> all = new ArrayList<>();
        new TreeMap<>(nanos).forEach((kind, list) -> {
            List<Long> copy = copy(list);
            all.addAll(copy);
            line(out, kind, copy, elapsed);
        });
        line(out, "all", all, elapsed);
        out.println();
        return all;
    }

    private static void line(PrintStream out, String kind, List<Long> nanos, double elapsed) {
        out.printf(
                Locale.ROOT,
                "| %s | %d | %.1f | %.1f | %.1f |%n",
                kind,
                nanos.size(),
                nanos.size() / elapsed,
                percentile(nanos, 50),
                percentile(nanos, 99));
    }

    /** The {@code p}th percentile (nearest rank) in milliseconds; 0 for no latencies. */
    public static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = copy(nanos);
        if (sorted.isEmpty()) {
            return 0;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }

    private static List<Long> copy(List<Long> nanos) {
        synchronized (nanos) {
            return new ArrayList<>(nanos);
        }
    }
}
