package org.jingan.progress.streams.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes on a record read on its key's partition ({@link Placement#partitionOf}) as it is, and one read elsewhere
 * wrapped as {@link Placement.Misplaced}. A record without a key has no place: it goes on as it is.
 */
final class PlacementCheck<K, V> implements FixedKeyProcessor<K, V, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(PlacementCheck.class);

    private final int partitions;
    private FixedKeyProcessorContext<K, Object> context;
    private boolean told;

    PlacementCheck(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void init(FixedKeyProcessorContext<K, Object> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<K, V> record) {
        RecordMetadata where = context.recordMetadata().orElse(null);
        if (where == null || !(record.key() instanceof String key)) {
            context.forward(record);
            return;
        }
        int home = Placement.partitionOf(key, partitions);
        if (where.partition() == home) {
            context.forward(record);
            return;
        }
        if (!told) {
            // once per task: who writes this way is worth knowing, every record of it is not
            told = true;
            LOG.info("Record {} read on {}-{}, its key's partition is {} (murmur2): re-routed by key. Its producer"
                    + " places keys another way (librdkafka's default is consistent_random; partitioner=murmur2_random"
                    + " places them as Java does)", key, where.topic(), where.partition(), home);
        }
        context.forward(record.withValue(new Placement.Misplaced<>(record.value())));
    }
}
