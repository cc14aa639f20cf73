package org.jingan.progress.streams.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.jingan.progress.streams.topology.ProgressTopology;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.streams.topology.ProgressTopologyConfig;
import org.jingan.progress.testkit.TestCluster;

/**
 * The progress topology on the real test cluster with topics of its own: builds it, publishes targets and reports.
 */
public final class ProgressAppFixture implements AutoCloseable {
    private final TestCluster cluster;
    private final ProgressTopologyConfig config;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final ClockSetter clock;
    private Instant clockAt = ProgressTopologyConfig.DEFAULT_CLOCK_START;

    public ProgressAppFixture(TestCluster cluster) {
        this.cluster = cluster;
        String targets = cluster.createTopicLike(cluster.uniqueName("targets"), Topics.TARGETS).name();
        String events = cluster.createTopicLike(cluster.uniqueName("events"), Topics.PROGRESS_EVENTS).name();
        String progress = cluster.createTopicLike(cluster.uniqueName("progress"), Topics.TARGET_PROGRESS).name();
        String alerts = cluster.createTopicLike(cluster.uniqueName("alerts"), Topics.ALERTS).name();
        String clockTopic = cluster.createTopicLike(cluster.uniqueName("clock"), Topics.CLOCK).name();
        this.config = ProgressTopologyConfig.builder().topics(targets, events, progress, alerts).inMemoryStores(true)
                .clock(ClockMode.SIMULATED, ProgressTopologyConfig.DEFAULT_CLOCK_START).clockTopic(clockTopic).build();
        this.clock = new ClockSetter(clockTopic, cluster.clientConfig(), cluster.clientConfig(), "test");
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(cluster.registryConfig(), false);
        this.producer = new KafkaProducer<>(cluster.kafkaConfig(Map.of(ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), (Serializer<SpecificRecord>) values);
    }

    /** Where targets, reports, standings and alerts go. */
    public ProgressTopologyConfig config() {
        return config;
    }

    public Topology topology() {
        return ProgressTopology.build(config, cluster.registryConfig());
    }

    public void publish(List<Target> targets) {
        targets.forEach(t -> producer.send(new ProducerRecord<>(config.targetsTopic(), t.getId(), t)));
        producer.flush();
    }

    /** Moves the district clock (the app runs on the simulated clock of its own clock topic) to {@code now}. */
    public void clock(Instant now) {
        clock.set(now);
        clockAt = now.isAfter(clockAt) ? now : clockAt;
    }

    /**
     * Reports the year-to-date total (or level, or the milestone) of {@code target} as of {@code at}, sent then: the
     * clock moves to {@code at} first if it stands earlier. Waits for the ack.
     */
    public void report(Target target, double value, Instant at) {
        if (at.isAfter(clockAt)) {
            clock(at);
        }
        send(target, value, at);
        producer.flush();
    }

    /** Like {@link #report} without waiting and without moving the clock: call {@link #flush()} after a batch. */
    public void send(Target target, double value, Instant at) {
        ProgressEvent event = ProgressEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setTargetId(target.getId()).setDepartmentId(target.getDepartmentId()).setReporter("test")
                .setKind(switch (target.getKind()) {
                    case CUMULATIVE -> UpdateKind.CUMULATIVE_TO_DATE;
                    case LEVEL, CEILING -> UpdateKind.LEVEL;
                    case MILESTONE -> UpdateKind.MILESTONE_REACHED;
                })
                .setValue(target.getKind() == org.jingan.progress.avro.TargetKind.MILESTONE ? null : value)
                .setUnit(target.getUnit()).setEventTime(at).setReportedAt(at).setChannel("TEST").build();
        producer.send(new ProducerRecord<>(config.eventsTopic(), target.getId(), event));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
        clock.close();
    }
}
