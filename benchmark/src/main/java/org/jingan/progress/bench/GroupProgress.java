package org.jingan.progress.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Measures how fast a consumer group (a Streams application) works through a topic by watching its committed
 * offsets: under exactly-once an offset is committed only with the transaction that holds the record's results,
 * so "committed" means "done". The rate is taken from the first commit to the last, which leaves out start-up.
 */
public final class GroupProgress {
    private static final long POLL_MS = 20;

    /** {@code records} done in {@code seconds}, the first commit seen {@code startupSeconds} after the watch began. */
    public record Throughput(long records, double seconds, double startupSeconds) {
        public double rate() {
            return records / seconds;
        }
    }

    private final Admin admin;

    public GroupProgress(Admin admin) {
        this.admin = admin;
    }

    public Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            ListOffsetsResult result = admin.listOffsets(partitions);
            return result.all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the end offsets of '" + topic + "': " + e.getMessage(), e);
        }
    }

    /** Committed offsets of {@code group} on {@code topic}'s partitions (partitions without a commit are absent). */
    public Map<TopicPartition, Long> committed(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the committed offsets of group '" + group + "': " + e.getMessage(), e);
        }
    }

    /** How many of the records up to {@code end} (per partition) the group has committed. */
    static long done(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end) {
        long done = 0;
        for (var e : end.entrySet()) {
            done += Math.min(e.getValue(), committed.getOrDefault(e.getKey(), 0L));
        }
        return done;
    }

    /**
     * Waits until {@code group} has committed every partition of {@code topic} up to {@code end} and returns the
     * rate. Records appended after {@code end} do not count. {@code healthy} is asked on every poll so a dead
     * application fails fast.
     */
    public Throughput await(String group, String topic, Map<TopicPartition, Long> end, Duration timeout, BooleanSupplier healthy) {
        long total = end.values().stream().mapToLong(Long::longValue).sum();
        long watchStart = System.nanoTime();
        long deadline = watchStart + timeout.toNanos();
        long firstAt = -1;
        long firstDone = 0;
        while (true) {
            long done = done(committed(group, topic), end);
            long now = System.nanoTime();
            if (done > 0 && firstAt < 0) {
                firstAt = now;
                firstDone = done;
            }
            if (done >= total) {
                double startup = (firstAt - watchStart) / 1e9;
                if (done > firstDone && now > firstAt) {
                    return new Throughput(done - firstDone, (now - firstAt) / 1e9, startup);
                }
                // everything landed in the first commit: fall back to the whole watch, start-up included
                return new Throughput(done, (now - watchStart) / 1e9, startup);
            }
            if (!healthy.getAsBoolean()) {
                throw new IllegalStateException("The application '" + group + "' stopped before finishing: committed "
                        + done + " of " + total + " records of '" + topic + "'");
            }
            if (now > deadline) {
                throw new IllegalStateException("The application '" + group + "' committed only " + done + " of "
                        + total + " records of '" + topic + "' in " + timeout.toSeconds() + " s");
            }
            sleep(POLL_MS);
        }
    }

    /** Waits until {@code group} is stable with {@code members} members (every instance's threads have joined). */
    public void awaitStableGroup(String group, int members, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = "not described yet";
        while (System.nanoTime() < deadline) {
            try {
                var d = admin.describeConsumerGroups(java.util.List.of(group)).describedGroups().get(group).get(10, TimeUnit.SECONDS);
                seen = d.groupState() + " with " + d.members().size() + " member(s)";
                int assigned = d.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                if (d.groupState() == org.apache.kafka.common.GroupState.STABLE && d.members().size() == members && assigned > 0) {
                    return;
                }
            } catch (Exception e) {
                seen = e.getMessage();
            }
            sleep(50);
        }
        throw new IllegalStateException("The group '" + group + "' did not become stable with " + members
                + " members within " + timeout.toSeconds() + " s (last: " + seen + ")");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
