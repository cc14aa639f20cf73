package org.jingan.progress.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.jingan.progress.streams.topology.ProgressTopology;
import org.jingan.progress.streams.avro.TargetState;
import org.jingan.progress.streams.topology.ProgressStores;
import org.jingan.progress.streams.topology.ProgressTopologyConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.jingan.progress.streams.topology.RejectionCounters;
import org.jingan.progress.streams.rules.RejectionReason;
import org.junit.jupiter.api.Test;

/**
 * The benchmark measures the pipeline's normal path, so its generated workloads must be what the topology accepts:
 * no event dead-lettered, redeliveries counted once. Checked on the real topology in a TopologyTestDriver.
 */
class WorkloadValidityTest {
    private static final Catalog REPORT = Catalog.loadDefault();

    @Test
    void shouldGenerateAThroughputMixTheTopologyAcceptsWhole() {
        CityCatalog city = CityCatalog.of(REPORT, 2);
        long from = WorkloadSetup.spanStart(REPORT.year());
        ThroughputMix mix = new ThroughputMix(city.targets(), 4_000, from, from + 10 * 86_400_000L, 7, "t-");

        Outcome outcome = run(city.targets(), mix);

        assertThat(rejections(outcome.counters())).isEmpty();
        assertThat(outcome.counters().duplicateCount()).isPositive();
        outcome.assertEveryReportCountedOnce();
    }

    @Test
    void shouldGenerateAYearOfReportsTheTopologyAcceptsWhole() {
        CityCatalog city = CityCatalog.of(REPORT, 1);
        YearOfReports year = new YearOfReports(city.targets(), REPORT.year(), 20, 1, 60, 7, "y-");

        Outcome outcome = run(city.targets(), year);

        assertThat(rejections(outcome.counters())).isEmpty();
        assertThat(year.count()).isGreaterThan(city.targets().size());
        outcome.assertEveryReportCountedOnce();
    }

    @Test
    void shouldSuffixEveryTargetAndItsParentWithTheDistrict() {
        CityCatalog city = CityCatalog.of(REPORT, 3);

        assertThat(city.targets()).hasSize(3 * REPORT.targets().size());
        assertThat(city.targets()).extracting(Target::getId).doesNotHaveDuplicates()
                .allMatch(id -> id.endsWith(".huangpu") || id.endsWith(".xuhui") || id.endsWith(".changning"));
        assertThat(city.targets()).filteredOn(t -> t.getParentTargetId() != null)
                .allMatch(t -> t.getId().substring(t.getId().lastIndexOf('.'))
                        .equals(t.getParentTargetId().substring(t.getParentTargetId().lastIndexOf('.'))));
        assertThat(city.targets()).anyMatch(CityCatalog::isSensorFed);
    }

    /**
     * What a workload came to, read while the driver still runs (closing the task takes its held reports off the
     * gauge): its reports, how many each target's working state counted (the standings are published on wall-clock
     * punctuations, which do not run here) and what is still held for a target the topology does not know.
     */
    private record Outcome(RejectionCounters counters, long piped, Map<String, Long> sentPerTarget,
                           Map<String, Long> countedPerTarget, long heldOnTheGauge, long heldInTheStore) {
        /** Every report counted or dropped as a redelivery: none held for an unknown target, none lost. */
        void assertEveryReportCountedOnce() {
            // held reports expire on a wall-clock punctuation that does not run here: they would only be missing
            assertThat(heldOnTheGauge).as("reports held for a target the topology does not know (gauge)").isZero();
            assertThat(heldInTheStore).as("reports held for a target the topology does not know (store)").isZero();
            assertThat(countedPerTarget).as("reports counted per target = distinct reports sent to it")
                    .isEqualTo(sentPerTarget);
            long distinct = sentPerTarget.values().stream().mapToLong(Long::longValue).sum();
            assertThat(counters.duplicateCount()).as("redeliveries dropped = reports sent again").isEqualTo(piped - distinct);
        }
    }

    /** The workload through the topology as the benchmark configures it for a replayed year (its simulated clock). */
    private static Outcome run(List<Target> targets, EventSource events) {
        String registry = "mem://bench-" + UUID.randomUUID();
        ProgressTopologyConfig config = Pipeline.topologyConfig(Pipeline.Topics.of("bench", "targets", "events"), false)
                .toBuilder().inMemoryStores(true).deadLetterTopic("dead-letters").build();
        RejectionCounters counters = new RejectionCounters();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "workload-validity");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dead-letters");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                org.jingan.progress.streams.topology.DeadLetterProcessingHandler.class);
        props.put(RejectionCounters.CONFIG_KEY, counters);
        try (TopologyTestDriver driver = new TopologyTestDriver(ProgressTopology.build(config, Map.of("schema.registry.url", registry)),
                props, Instant.parse("2021-02-01T00:00:00Z"))) {
            TestInputTopic<String, Target> targetTopic = driver.createInputTopic(config.targetsTopic(),
                    Serdes.String().serializer(), serializer(registry));
            TestInputTopic<String, ProgressEvent> eventTopic = driver.createInputTopic(config.eventsTopic(),
                    Serdes.String().serializer(), serializer(registry));
            Instant published = Instant.parse("2020-01-01T00:00:00Z").minusSeconds(86_400);
            targets.forEach(t -> targetTopic.pipeInput(t.getId(), t, published));
            List<ProgressEvent> all = new ArrayList<>();
            events.forEach(all::add);
            // sent when reported, as an intake would (record timestamp = reportedAt)
            all.forEach(e -> eventTopic.pipeInput(e.getTargetId(), e, e.getReportedAt()));
            Map<String, Long> sentPerTarget = new TreeMap<>();
            all.stream().collect(Collectors.toMap(ProgressEvent::getEventId, ProgressEvent::getTargetId, (a, b) -> a))
                    .values().forEach(target -> sentPerTarget.merge(target, 1L, Long::sum));
            Map<String, Long> countedPerTarget = new TreeMap<>();
            try (KeyValueIterator<String, TargetState> it = driver.<String, TargetState>getKeyValueStore(
                    ProgressStores.TARGET_STATE).all()) {
                while (it.hasNext()) {
                    var entry = it.next();
                    if (entry.value.getEventCount() > 0) {
                        countedPerTarget.put(entry.key, entry.value.getEventCount());
                    }
                }
            }
            long heldInTheStore;
            try (KeyValueIterator<String, ProgressEvent> it = driver.<String, ProgressEvent>getKeyValueStore(
                    ProgressStores.HELD_REPORTS).all()) {
                heldInTheStore = 0;
                while (it.hasNext()) {
                    it.next();
                    heldInTheStore++;
                }
            }
            return new Outcome(counters, all.size(), sentPerTarget, countedPerTarget, counters.heldCount(),
                    heldInTheStore);
        }
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> SpecificAvroSerializer<T> serializer(String registry) {
        SpecificAvroSerializer<T> s = new SpecificAvroSerializer<>();
        s.configure(Map.of("schema.registry.url", registry), false);
        return s;
    }

    private static Map<RejectionReason, Long> rejections(RejectionCounters counters) {
        Map<RejectionReason, Long> nonZero = new java.util.EnumMap<>(RejectionReason.class);
        counters.snapshot().forEach((reason, n) -> {
            if (n > 0) {
                nonZero.put(reason, n);
            }
        });
        return nonZero;
    }
}
