package org.jingan.progress.streams.query;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where each partition of a store lives in the cluster: its active instance and its standbys, from the Streams
 * metadata every instance shares (so any instance can route any question).
 */
final class StoreDirectory {
    private static final StringSerializer KEYS = new StringSerializer();
    private static final HostInfo UNKNOWN = KeyQueryMetadata.NOT_AVAILABLE.activeHost();

    /** A store partition's copies; {@code active} is empty while nobody owns it (rebalancing or owner gone). */
    record Owners(int partition, Optional<HostInfo> active, Set<HostInfo> standbys) {
    }

    private final KafkaStreams streams;

    StoreDirectory(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The copies of the partition holding {@code key} (Strings partitioned as the topics are, by the default partitioner). */
    Owners forKey(String store, String key) {
        return owners(store, metadata(() -> streams.queryMetadataForKey(store, key, KEYS), store));
    }

    /** The copies of partition {@code partition} of the store. */
    Owners forPartition(String store, int partition) {
        StreamPartitioner<String, Object> fixed = (topic, key, value, count) -> Optional.of(Set.of(partition));
        return owners(store, metadata(() -> streams.queryMetadataForKey(store, "", fixed), store));
    }

    /** How many partitions the store has: those of the source topics of its sub-topology. */
    int partitionCount(String store) {
        AtomicInteger count = new AtomicInteger(-1);
        StreamPartitioner<String, Object> counting = (topic, key, value, partitions) -> {
            count.set(partitions);
            return Optional.of(Set.of(0));
        };
        metadata(() -> streams.queryMetadataForKey(store, "", counting), store);
        return count.get();
    }

    private static Owners owners(String store, KeyQueryMetadata metadata) {
        Optional<HostInfo> active = UNKNOWN.equals(metadata.activeHost()) ? Optional.empty() : Optional.of(metadata.activeHost());
        return new Owners(metadata.partition(), active, Set.copyOf(metadata.standbyHosts()));
    }

    private KeyQueryMetadata metadata(java.util.function.Supplier<KeyQueryMetadata> lookup, String store) {
        KeyQueryMetadata metadata;
        try {
            metadata = lookup.get();
        } catch (StreamsNotStartedException e) {
            throw new UnavailableException("not-ready", "The streams app is starting; its stores are not open yet.", e);
        } catch (IllegalStateException e) {
            throw new UnavailableException("not-ready", "The streams app is not running (" + streams.state()
                    + "); ask another instance.", e);
        }
        if (metadata == null) {
            throw new IllegalArgumentException("No state store named '" + store + "' in the topology");
        }
        if (metadata == KeyQueryMetadata.NOT_AVAILABLE || metadata.partition() < 0) {
            throw new UnavailableException("store-migrating",
                    "Store '" + store + "' is being assigned to instances (rebalancing); retry shortly.");
        }
        return metadata;
    }
}
