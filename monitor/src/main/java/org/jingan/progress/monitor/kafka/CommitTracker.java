package org.jingan.progress.monitor.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of the alerts topic may be committed: a notice counts as handled only once forwarding finished
 * (delivered, suppressed, or given up and logged). Handling is in read order per partition, so the next offset to
 * commit is simply the one after the last handled notice.
 *
 * <p>Each assignment of a partition gets a new epoch; a notice finished after its partition was revoked belongs to
 * an old epoch and is not committed (the new owner reads it again; the receivers drop the duplicate by its key).
 * Thread-safe: the forwarding thread marks, the consumer thread commits.
 */
final class CommitTracker {
    private final Map<TopicPartition, Integer> epochs = new HashMap<>();
    private final Map<TopicPartition, Long> handledUpTo = new HashMap<>();

    /** Starts a new epoch for newly assigned partitions and returns it. */
    synchronized int assigned(TopicPartition partition) {
        int epoch = epochs.merge(partition, 1, Integer::sum);
        handledUpTo.remove(partition);
        return epoch;
    }

    synchronized int epoch(TopicPartition partition) {
        return epochs.getOrDefault(partition, 0);
    }

    /** Forgets revoked partitions: later completions of their notices are ignored. */
    synchronized void revoked(Collection<TopicPartition> partitions) {
        for (TopicPartition p : partitions) {
            epochs.merge(p, 1, Integer::sum);
            handledUpTo.remove(p);
        }
    }

    /** The notice at {@code offset}, read in {@code epoch}, is handled. */
    synchronized void handled(TopicPartition partition, long offset, int epoch) {
        if (epochs.getOrDefault(partition, 0) == epoch) {
            handledUpTo.merge(partition, offset + 1, Math::max);
        }
    }

    /** The offsets to commit now, removing them from the tracker (null when there is nothing new). */
    synchronized Map<TopicPartition, OffsetAndMetadata> takeCommittable(Collection<TopicPartition> of) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition p : of) {
            Long next = handledUpTo.remove(p);
            if (next != null) {
                commit.put(p, new OffsetAndMetadata(next));
            }
        }
        return commit;
    }

    /** Puts back offsets whose commit failed, unless a later one arrived meanwhile. */
    synchronized void restore(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((p, o) -> handledUpTo.merge(p, o.offset(), Math::max));
    }
}
