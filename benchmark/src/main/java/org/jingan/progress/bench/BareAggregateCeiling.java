package org.jingan.progress.bench;

import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.registry.SpecificAvroSerde;

/**
 * The second ceiling: the least a Kafka Streams application can do with the events under the same guarantees as the
 * pipeline: sum by key into a persistent (RocksDB) store with a changelog, exactly-once v2, commit every 100 ms.
 * Two variants: over the raw bytes (sums value sizes: Kafka Streams' own cost) and over decoded Avro (sums the
 * reported values: adds the registry serde's cost).
 *
 * <p>A third variant, {@link #dedupAvro}, first drops redeliveries by event id the way Kafka Streams' own examples
 * do it (a changelogged store keyed by event id: a lookup and, for a new id, a write per event), so that a pipeline
 * which must count every event once although producers may send it twice is also measured against the plain way of
 * doing that. Its changelog carries one record per event, as the pipeline's dedup memory does.
 */
public final class BareAggregateCeiling {
    public static final String STORE = "bare-sum";
    public static final String SEEN_STORE = "bare-seen";

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

    public static Topology avro(String eventsTopic, Map<String, ?> registry) {
        SpecificAvroSerde<ProgressEvent> events = new SpecificAvroSerde<>(ProgressEvent.class);
        events.configure(registry, false);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(eventsTopic, Consumed.with(Serdes.String(), events))
                .groupByKey()
                .aggregate(() -> 0.0, (key, event, sum) -> sum + (event.getValue() == null ? 0 : event.getValue()),
                        Materialized.<String, Double, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Double()));
        return builder.build();
    }

    public static Topology dedupAvro(String eventsTopic, Map<String, ?> registry) {
        SpecificAvroSerde<ProgressEvent> events = new SpecificAvroSerde<>(ProgressEvent.class);
        events.configure(registry, false);
        StreamsBuilder builder = new StreamsBuilder();
        // no record cache, as in Kafka's own dedup examples: every id is new, so a cache has nothing to coalesce
        // (measured: with it the rate was the same within the noise)
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SEEN_STORE),
                Serdes.String(), Serdes.Long()));
        builder.stream(eventsTopic, Consumed.with(Serdes.String(), events))
                .processValues(FirstSeen::new, SEEN_STORE)
                .groupByKey()
                .aggregate(() -> 0.0, (key, event, sum) -> sum + (event.getValue() == null ? 0 : event.getValue()),
                        Materialized.<String, Double, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Double()));
        return builder.build();
    }

    /** Passes an event on the first time its id is seen (remembering the id with its event time), drops it after. */
    private static final class FirstSeen implements FixedKeyProcessor<String, ProgressEvent, ProgressEvent> {
        private FixedKeyProcessorContext<String, ProgressEvent> context;
        private KeyValueStore<String, Long> seen;

        @Override
        public void init(FixedKeyProcessorContext<String, ProgressEvent> context) {
            this.context = context;
            this.seen = context.getStateStore(SEEN_STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, ProgressEvent> record) {
            String id = record.value().getEventId();
            if (seen.get(id) == null) {
                seen.put(id, record.value().getEventTime().toEpochMilli());
                context.forward(record);
            }
        }
    }
}
