package org.jingan.progress.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Where a keyed record belongs, and the re-routing of those that are elsewhere.
 *
 * <p>The topology keeps each target's state in the task of the target id's partition, computed as Kafka's Java
 * producer does for a keyed record: murmur2 of the key's bytes (UTF-8), made positive, modulo the partitions. Other
 * clients place keys their own way (librdkafka's default {@code consistent_random} hashes with CRC32), so a report
 * they write can land on another task, which knows nothing of its target. {@link #placed} re-routes only those records,
 * by key, through a repartition topic; records already where they belong, the usual case, go straight on.
 */
public final class Placement {

    private Placement() {
    }

    /** The partition of {@code key} among {@code partitions}, as Kafka's Java producer picks it for a keyed record. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The repartition topic Kafka Streams makes for the re-routing named {@code name}. */
    public static String repartitionTopic(String applicationId, String name) {
        return applicationId + "-" + name + "-repartition";
    }

    /**
     * {@code input} with every record on the partition of its key: those read elsewhere are written by key to the
     * repartition topic {@link #repartitionTopic}{@code (application.id, name)} (in the task's transaction) and read
     * back from there.
     * With {@code partitions} 0 the input is returned as it is.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <V> KStream<String, V> placed(KStream<String, V> input, String name, int partitions, Serde<String> keys,
                                         Serde<V> values) {
        if (partitions == 0) {
            return input;
        }
        Map<String, KStream<String, Object>> branches = input
                .processValues(() -> new PlacementCheck<String, V>(partitions), Named.as(name + "-placement"))
                .split(Named.as(name + "-"))
                .branch((key, value) -> value instanceof Misplaced, Branched.as("misplaced"))
                .defaultBranch(Branched.as("placed"));
        KStream<String, V> rerouted = branches.get(name + "-misplaced")
                .mapValues(value -> ((Misplaced<V>) value).value(), Named.as(name + "-unwrapped"))
                .repartition(Repartitioned.with(keys, values).withName(name)
                        .withNumberOfPartitions(partitions));
        // the placed branch holds the input's own values (the check forwards them as they are): only the type widened
        KStream<String, V> inPlace = (KStream) branches.get(name + "-placed");
        return inPlace.merge(rerouted, Named.as(name + "-placed-and-rerouted"));
    }

    /** A record read on another partition than its key's, on its way to the repartition topic. */
    record Misplaced<V>(V value) {
    }
}
