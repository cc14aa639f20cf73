package org.jingan.progress.bench;

import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.registry.SpecificAvroSerde;

/**
 * The second ceiling: the least a Kafka Streams application can do with the events under the same guarantees as the
 * pipeline: sum by key into a persistent (RocksDB) store with a changelog, exactly-once v2, commit every 100 ms.
 * Two variants: over the raw bytes (sums value sizes: Kafka Streams' own cost) and over decoded Avro (sums the
 * reported values: adds the registry serde's cost).
 */
public final class BareAggregateCeiling {
    public static final String STORE = "bare-sum";

    private BareAggregateCeiling() {
    }

    public static Topology bytes(String eventsTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(eventsTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .groupByKey()
                .aggregate(() -> 0L, (key, value, sum) -> sum + value.length,
                        Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        return builder.build();
    }

    public static Topology avro(String eventsTopic, String registryUrl) {
        SpecificAvroSerde<ProgressEvent> events = new SpecificAvroSerde<>(ProgressEvent.class);
        events.configure(Map.of("schema.registry.url", registryUrl), false);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(eventsTopic, Consumed.with(Serdes.String(), events))
                .groupByKey()
                .aggregate(() -> 0.0, (key, event, sum) -> sum + (event.getValue() == null ? 0 : event.getValue()),
                        Materialized.<String, Double, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Double()));
        return builder.build();
    }
}
