package org.jingan.progress.bulletins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.jingan.progress.streams.query.QueryServer;
import org.jingan.progress.streams.query.QueryServerConfig;
import org.jingan.progress.streams.query.QueryStores;
import org.jingan.progress.streams.topology.ProgressTopology;
import org.jingan.progress.streams.topology.ProgressTopologyConfig;
import org.jingan.progress.testkit.TestCluster;

/**
 * The real progress topology and its query server on the real test cluster (topics of its own, the simulated
 * district clock): the state the documents are written from. Reports are year-to-date totals, levels or
 * milestones, sent with the clock moved to their date first, as the intake would accept them.
 */
final class StoresFixture implements AutoCloseable {
    private final ProgressTopologyConfig config;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final ClockSetter clock;
    private final QueryServer server;
    private final KafkaStreams streams;
    private final Path stateDir;
    private Instant clockAt = ProgressTopologyConfig.DEFAULT_CLOCK_START;

    StoresFixture(TestCluster cluster, List<Target> targets) {
        String targetsTopic = cluster.createTopicLike(cluster.uniqueName("targets"), Topics.TARGETS).name();
        String events = cluster.createTopicLike(cluster.uniqueName("events"), Topics.PROGRESS_EVENTS).name();
        String progress = cluster.createTopicLike(cluster.uniqueName("progress"), Topics.TARGET_PROGRESS).name();
        String alerts = cluster.createTopicLike(cluster.uniqueName("alerts"), Topics.ALERTS).name();
        String clockTopic = cluster.createTopicLike(cluster.uniqueName("clock"), Topics.CLOCK).name();
        String casesTopic = cluster.createTopicLike(cluster.uniqueName("cases"), Topics.SUPERVISION_CASES).name();
        this.config = ProgressTopologyConfig.builder().topics(targetsTopic, events, progress, alerts).inMemoryStores(true)
                .clock(ClockMode.SIMULATED, ProgressTopologyConfig.DEFAULT_CLOCK_START).clockTopic(clockTopic)
                .supervisionTopic(casesTopic).build(); // 督办: BEHIND for 7 days opens a case
        this.clock = new ClockSetter(clockTopic, cluster.clientConfig(), cluster.clientConfig(), "test");
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(cluster.registryConfig(), false);
        this.producer = new KafkaProducer<>(cluster.kafkaConfig(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), (Serializer<SpecificRecord>) values);
        targets.forEach(t -> producer.send(new ProducerRecord<>(config.targetsTopic(), t.getId(), t)));
        producer.flush();
        try {
            this.stateDir = Files.createTempDirectory("bulletins-streams-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.server = QueryServer.create(QueryServerConfig.defaults(QueryStores.progressTopology()).withDashboard(false))
                .useSimulatedClock(ProgressTopologyConfig.DEFAULT_CLOCK_START);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, cluster.uniqueName("bulletins"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.putAll(cluster.securityProperties());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.applicationServer());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        this.streams = new KafkaStreams(ProgressTopology.build(config, cluster.registryConfig()), props);
        server.attach(streams);
        streams.start();
    }

    String queryUrl() {
        return "http://" + server.applicationServer();
    }

    void clock(Instant now) {
        clock.set(now);
        clockAt = now.isAfter(clockAt) ? now : clockAt;
    }

    /** Reports {@code value} (a year-to-date total, a level, or for a milestone: done) as of {@code at}. */
    void report(Target target, double value, Instant at) {
        if (at.isAfter(clockAt)) {
            clock(at);
        }
        ProgressEvent event = ProgressEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setTargetId(target.getId()).setDepartmentId(target.getDepartmentId()).setReporter("test")
                .setKind(switch (target.getKind()) {
                    case CUMULATIVE -> UpdateKind.CUMULATIVE_TO_DATE;
                    case LEVEL, CEILING -> UpdateKind.LEVEL;
                    case MILESTONE -> UpdateKind.MILESTONE_REACHED;
                })
                .setValue(target.getKind() == TargetKind.MILESTONE ? null : value)
                .setUnit(target.getUnit()).setEventTime(at).setReportedAt(at).setChannel("TEST").build();
        producer.send(new ProducerRecord<>(config.eventsTopic(), target.getId(), event));
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
        clock.close();
        server.close();
        streams.close(Duration.ofSeconds(10));
        streams.cleanUp();
    }
}
