package org.jingan.progress.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.streams.Topology;

/**
 * Measures the ceilings on the workload's events: a plain consumer, bare exactly-once aggregates, and the same
 * aggregate behind the least exactly-once dedup by event id.
 */
public final class CeilingsPhase {
    public static final String PLAIN = "ceiling: plain consumer (bytes)";
    public static final String BARE = "ceiling: bare aggregate EOS (bytes)";
    public static final String BARE_AVRO = "ceiling: bare aggregate EOS (Avro)";
    public static final String DEDUP_AVRO = "ceiling: dedup + aggregate EOS (Avro)";

    private final BenchCluster cluster;
    private final Settings settings;
    private final ResultTable table;

    public CeilingsPhase(BenchCluster cluster, Settings settings, ResultTable table) {
        this.cluster = cluster;
        this.settings = settings;
        this.table = table;
    }

    public void run(Workload w, int repeat) {
        PlainConsumerCeiling.Result plain = new PlainConsumerCeiling(cluster.kafkaConfig()).read(w.eventsTopic(), w.endOffsets());
        table.record(PLAIN, "records/s", plain.rate());
        table.note(PLAIN, "1 consumer, all partitions, read_committed, first to last record");
        table.record("ceiling: plain consumer throughput", "MB/s", plain.megabytesPerSecond());

        table.record(BARE, "records/s", aggregate("bare-bytes", repeat, w, cfg -> BareAggregateCeiling.bytes(w.eventsTopic())));
        table.note(BARE, "groupByKey().aggregate(sum) into RocksDB, exactly_once_v2, commit 100 ms");
        table.record(BARE_AVRO, "records/s", aggregate("bare-avro", repeat, w,
                cfg -> BareAggregateCeiling.avro(w.eventsTopic(), cluster.registry().serdeConfig())));
        table.note(BARE_AVRO, "same, values decoded through the registry serde");
        table.record(DEDUP_AVRO, "records/s", aggregate("dedup-avro", repeat, w,
                cfg -> BareAggregateCeiling.dedupAvro(w.eventsTopic(), cluster.registry().serdeConfig())));
        table.note(DEDUP_AVRO, "same, after dropping redeliveries by event id (changelogged store, a record per event)");
    }

    private double aggregate(String name, int repeat, Workload w, Function<Properties, Topology> topology) {
        String appId = "bench-" + name + "-" + repeat + "-" + System.currentTimeMillis();
        Path state = cluster.workDir().resolve("state").resolve(appId);
        GroupProgress group = new GroupProgress(cluster.admin());
        try (StreamsApps apps = StreamsApps.startPaused(settings.instances(),
                i -> StreamsApps.baseConfig(appId, cluster.kafkaConfig(), settings.threads(), state.resolve("i" + i)),
                topology, group, Duration.ofMinutes(2))) {
            apps.resume();
            return group.await(appId, w.eventsTopic(), w.endOffsets(), Duration.ofMinutes(30), apps::healthy).rate();
        }
    }
}
