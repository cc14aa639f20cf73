package org.jingan.progress.streams.app;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The partitions of the topology's two inputs, read from the broker at start: the topology checks each record's
 * placement against them. The inputs must have as many partitions as each other (each target's definition and its
 * reports meet in one task), which this says at start rather than leaving it to wrong counts.
 */
public final class InputPartitions {
    private static final long TIMEOUT_SECONDS = 30;

    private InputPartitions() {
    }

    /** The partitions {@code targets} and {@code events} both have, asked with the app's own Kafka settings. */
    public static int read(Properties streamsProperties, String targets, String events) {
        Map<String, Object> admin = new StreamsConfig(streamsProperties).getAdminConfigs("input-partitions");
        try (Admin client = Admin.create(admin)) {
            Map<String, TopicDescription> topics = client.describeTopics(List.of(targets, events)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            int targetPartitions = topics.get(targets).partitions().size();
            int eventPartitions = topics.get(events).partitions().size();
            if (targetPartitions != eventPartitions) {
                throw new IllegalStateException("The inputs are not co-partitioned: " + targets + " has "
                        + targetPartitions + " partitions, " + events + " " + eventPartitions + "; a target's definition"
                        + " and its reports must meet in one task (create both with the same count, as ClusterInit does)");
            }
            return targetPartitions;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the partitions of " + targets + " and " + events + ": "
                    + e.getCause().getMessage() + " (create the topics first, e.g. with ClusterInit, or give"
                    + " --input-partitions)", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not say within " + TIMEOUT_SECONDS + " s how many partitions "
                    + targets + " and " + events + " have (or give --input-partitions)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the inputs' partitions", e);
        }
    }
}
