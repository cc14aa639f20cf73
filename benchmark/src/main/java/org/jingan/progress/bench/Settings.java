package org.jingan.progress.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The knobs of one benchmark run, after defaults (full or --quick) are applied. {@code liveRate} 0 means the live load
 * is {@code loadFraction} of the sustained rate.
 */
public record Settings(long events, int districts, int keys, int spanDays, int partitions, int threads, int instances, int repeats, int warmups, boolean quick,
                       int latencySeconds, double loadFraction, double liveRate, int querySeconds, int queryClients,
                       int replayDays, int replayReportEveryDays, int replaySensorEveryMinutes, boolean dynamicMembership, Set<Phase> phases, long seed,
                       Path outputDir) {

    /** The parts of a run; each can be left out with --phases. */
    public enum Phase { CEILINGS, PIPELINE, LATENCY, QUERIES, REPLAY, RESTORE, SCREEN }

    public boolean runs(Phase phase) {
        return phases.contains(phase);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", events);
        m.put("districts", districts);
        m.put("keys", keys);
        m.put("spanDays", spanDays);
        m.put("partitions", partitions);
        m.put("threadsPerInstance", threads);
        m.put("instances", instances);
        m.put("repeats", repeats);
        m.put("warmups", warmups);
        m.put("quick", quick);
        m.put("latencySeconds", latencySeconds);
        m.put("loadFraction", loadFraction);
        m.put("liveRate", liveRate);
        m.put("querySeconds", querySeconds);
        m.put("queryClients", queryClients);
        m.put("replayDays", replayDays);
        m.put("replayReportEveryDays", replayReportEveryDays);
        m.put("replaySensorEveryMinutes", replaySensorEveryMinutes);
        m.put("dynamicMembership", dynamicMembership);
        m.put("phases", phases);
        m.put("seed", seed);
        return m;
    }
}
