package org.jingan.progress.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Kafka Streams' own end-to-end latency: {@code record-e2e-latency-avg/max} of the processor nodes, i.e. wall-clock
 * time when a record reaches the node minus the record's timestamp. At source nodes it is the wait before
 * processing; at sink nodes (the output topics) the time until the result is sent, not yet committed.
 */
final class StreamsLatencyMetrics {
    private static final String GROUP = "stream-processor-node-metrics";

    record Summary(double avgMillis, double maxMillis, int nodes) {
    }

    static Set<String> sourceNames(TopologyDescription description) {
        return nodeNames(description, TopologyDescription.Source.class);
    }

    private static Set<String> nodeNames(TopologyDescription description, Class<?> type) {
        Set<String> names = new HashSet<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            if (type.isInstance(n)) {
                names.add(n.name());
            }
        }));
        return names;
    }

    /** Averages the per-task averages (tasks that saw records) and takes the largest max over {@code nodes}. */
    static Summary summarize(List<KafkaStreams> instances, Set<String> nodes) {
        return summarize(instances, "record-e2e-latency", name -> GROUP.equals(name.group())
                && nodes.contains(name.tags().get("processor-node-id")));
    }

    /**
     * The stream threads' {@code commit-latency-avg/max} (flush of the stores and the producer, offsets and the
     * transaction's commit): a result reaches read_committed consumers only after it, so it is part of the topic path.
     */
    static Summary commits(List<KafkaStreams> instances) {
        return summarize(instances, "commit-latency", name -> "stream-thread-metrics".equals(name.group()));
    }

    /** The mean of the {@code <metric>-avg} values and the largest {@code <metric>-max} among the metrics selected. */
    private static Summary summarize(List<KafkaStreams> instances, String metric, Predicate<MetricName> selected) {
        double sumAvg = 0;
        int counted = 0;
        double max = Double.NaN;
        for (KafkaStreams streams : instances) {
            for (var e : streams.metrics().entrySet()) {
                MetricName name = e.getKey();
                double v = selected.test(name) ? value(e.getValue()) : Double.NaN;
                if (Double.isNaN(v)) {
                    continue;
                }
                if (name.name().equals(metric + "-avg")) {
                    sumAvg += v;
                    counted++;
                } else if (name.name().equals(metric + "-max")) {
                    max = Double.isNaN(max) ? v : Math.max(max, v);
                }
            }
        }
        return new Summary(counted == 0 ? Double.NaN : sumAvg / counted, max, counted);
    }

    private static double value(Metric metric) {
        Object v = metric.metricValue();
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
