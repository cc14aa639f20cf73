package org.jingan.progress.bench;

import java.util.List;
import java.util.Map;

import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the run's topics, publishes the city catalog and produces the N events, once per run. */
public final class WorkloadSetup {
    private static final Logger log = LoggerFactory.getLogger(WorkloadSetup.class);
    public static final String PRODUCE = "load: produce Avro events";

    private final BenchCluster cluster;
    private final Settings settings;
    private final ResultTable table;

    public WorkloadSetup(BenchCluster cluster, Settings settings, ResultTable table) {
        this.cluster = cluster;
        this.settings = settings;
        this.table = table;
    }

    /**
     * Event times start a minute into the year: a report stamped exactly at 00:00 on 1 January ties with the
     * catalog (stamped at the start of its year) and may be processed before its target is known.
     */
    static long spanStart(int year) {
        return Reports.startOfYear(year) + 60_000;
    }

    public Workload prepare(Catalog report) {
        String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        CityCatalog city = CityCatalog.of(report, CityCatalog.districtsFor(settings.districts(), settings.keys(), report));
        List<Target> keys = city.keys(settings.keys());
        String targetsTopic = run + "-targets";
        String eventsTopic = run + "-events";
        cluster.createTopics(List.of(
                BenchCluster.topic(targetsTopic, settings.partitions(), Map.of("cleanup.policy", "compact")),
                BenchCluster.topic(eventsTopic, settings.partitions(), Map.of())));
        EventLoader loader = new EventLoader(cluster.kafkaConfig(), cluster.registry());
        loader.sendTargets(targetsTopic, city.targets());
        log.info("Published {} targets ({} districts) to {}; producing {} events over {} keys to {}", city.targets().size(),
                city.districts().size(), targetsTopic, settings.events(), keys.size(), eventsTopic);
        EventLoader.Loaded loaded = loader.sendEvents(eventsTopic,
                new ThroughputMix(keys, settings.events(), spanStart(report.year()),
                        Math.min(spanStart(report.year()) + settings.spanDays() * 86_400_000L, Reports.endOfYear(report.year())),
                        settings.seed(), run + "-e"));
        table.record(PRODUCE, "events/s", loaded.rate());
        table.note(PRODUCE, "1 producer, registry serializer, acks=all, linger 20 ms, batch 512 KiB (loaded once)");
        table.record("load: targets (city catalog)", "targets", city.targets().size());
        table.note("load: targets (city catalog)", city.districts().size() + " districts x " + report.targets().size() + " report targets");
        table.record("load: keys with events", "targets", keys.size());
        table.record("load: event-time span", "days", settings.spanDays());
        table.note("load: event-time span", "event times only place values: the simulated district clock stands at the year's last hour, so no day closes while the pipeline is measured");
        var workload = new Workload(report, city, keys, targetsTopic, eventsTopic,
                new GroupProgress(cluster.admin()).endOffsets(eventsTopic));
        table.record("load: events in topic", "events", workload.events());
        return workload;
    }
}
