package org.jingan.progress.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.junit.jupiter.api.Test;

/** The ceilings' topologies compute what they claim, so the rates they give are rates of real work. */
class BareAggregateCeilingTest {
    private static final String EVENTS = "events";
    private static final Target TARGET = Catalog.loadDefault().targets().get(0);

    @Test
    void shouldSumTheReportedValuesOfEveryRecord() {
        String registry = "mem://ceiling-" + UUID.randomUUID();
        ProgressEvent first = report("e-1", 2.0);

        Double sum = sumAfter(BareAggregateCeiling.avro(EVENTS, Map.of("schema.registry.url", registry)), registry, first, report("e-2", 3.0), first);

        assertThat(sum).isEqualTo(7.0); // the plain aggregate counts a redelivery again
    }

    @Test
    void shouldCountARedeliveredEventOnceBehindTheDedup() {
        String registry = "mem://ceiling-" + UUID.randomUUID();
        ProgressEvent first = report("e-1", 2.0);

        Double sum = sumAfter(BareAggregateCeiling.dedupAvro(EVENTS, Map.of("schema.registry.url", registry)), registry, first, report("e-2", 3.0), first);

        assertThat(sum).isEqualTo(5.0);
    }

    private static Double sumAfter(Topology topology, String registry, ProgressEvent... events) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ceiling-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            SpecificAvroSerializer<ProgressEvent> serializer = new SpecificAvroSerializer<>();
            serializer.configure(Map.of("schema.registry.url", registry), false);
            TestInputTopic<String, ProgressEvent> input = driver.createInputTopic(EVENTS, Serdes.String().serializer(), serializer);
            List.of(events).forEach(e -> input.pipeInput(e.getTargetId(), e));
            KeyValueStore<String, Double> sums = driver.getKeyValueStore(BareAggregateCeiling.STORE);
            return sums.get(TARGET.getId());
        }
    }

    private static ProgressEvent report(String id, double value) {
        return Reports.report(id, TARGET, UpdateKind.INCREMENT, value, Instant.parse("2020-03-01T00:00:00Z").toEpochMilli(), "DEMO");
    }
}
