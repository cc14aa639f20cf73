package org.jingan.progress.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.catalog.CatalogPublisher;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.cluster.AccessPlan;
import org.jingan.progress.cluster.AccessPlan.Role;
import org.jingan.progress.cluster.KafkaLogin;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.stack.SchemaRegistration;
import org.jingan.progress.streams.app.StreamsAppConfig;
import org.jingan.progress.streams.app.StreamsRunner;
import org.jingan.progress.testkit.TestCluster;
import org.jingan.progress.testkit.TopicContents;
import picocli.CommandLine;

/**
 * The pipeline deployed on the test JVM's cluster as ClusterInit deploys it, under its real topic names: the topics,
 * every principal of the {@link AccessPlan} with its login file, the schemas registered by the deployer (the apps
 * register nothing), the catalog seeded by the catalog principal, the streams app running as its own principal (its
 * default application id), and the district clock moved to 30 June 2020, so that alerts fire. Started once, shared by
 * the tests of this module (one JVM, one cluster of its own).
 */
final class DeployedPipeline {
    static final Instant CLOCK = Instant.parse("2020-06-30T02:00:00Z"); // 10:00 in Shanghai
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static DeployedPipeline deployed;

    private final TestCluster cluster;
    private final Path credentials;
    private final StreamsRunner app;

    private DeployedPipeline(TestCluster cluster, Path credentials, StreamsRunner app) {
        this.cluster = cluster;
        this.credentials = credentials;
        this.app = app;
    }

    static synchronized DeployedPipeline get() {
        TestCluster cluster = TestCluster.get();
        assumeTrue(cluster.adminLogin().isPresent() && cluster.schemaRegistryReaderUserInfo() != null,
                "a secured cluster with registry logins (the embedded one)");
        if (deployed == null) {
            deployed = deploy(cluster);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deployed.app.close(Duration.ofSeconds(10))));
        }
        return deployed;
    }

    private static DeployedPipeline deploy(TestCluster cluster) {
        try {
            cluster.createTopics(Topics.ALL);
            Path credentials = Files.createTempDirectory("interop-credentials");
            Map<Role, KafkaLogin> logins = AccessPlan.loginsIn(credentials);
            try (Admin admin = Admin.create(cluster.kafkaConfig())) {
                AccessPlan.defaults().apply(admin, logins);
            }
            SchemaRegistration.forPipeline(SchemaRegistration.DEFAULT_APPLICATION_ID).registerAll(cluster.registryConfig());
            Map<String, Object> catalog = new HashMap<>(logins.get(Role.CATALOG).clientConfig(cluster.bootstrapServers()));
            catalog.putAll(cluster.registryConfig());
            new CatalogPublisher(catalog, Topics.TARGETS.name(), Duration.ofSeconds(60)).seed(Catalog.loadDefault());

            StreamsAppConfig config = new StreamsAppConfig();
            List<String> args = new ArrayList<>(List.of("--bootstrap-servers", cluster.bootstrapServers(),
                    "--schema-registry-url", cluster.schemaRegistryUrl(),
                    "--schema-registry-user-info", cluster.schemaRegistryReaderUserInfo(), // reads only, as deployed
                    "--state-dir", Files.createTempDirectory("interop-streams").toString(),
                    "--replication-factor", "1", "--clock", "simulated"));
            logins.get(Role.STREAMS_APP).clientProperties().forEach((k, v) -> args.addAll(List.of("--streams-config", k + "=" + v)));
            new CommandLine(config).parseArgs(args.toArray(String[]::new));
            StreamsRunner app = StreamsRunner.of(config, List.of());
            app.start();

            Map<String, Object> clock = new HashMap<>(logins.get(Role.CLOCK).clientConfig(cluster.bootstrapServers()));
            try (ClockSetter setter = new ClockSetter(clock, cluster.registryConfig(), "interop-test")) {
                setter.set(CLOCK);
            }
            DeployedPipeline pipeline = new DeployedPipeline(cluster, credentials, app);
            int targets = Catalog.loadDefault().targets().size();
            Awaitility.await().atMost(180, TimeUnit.SECONDS).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(pipeline.standings()).hasSize(targets);
                assertThat(pipeline.records(Topics.ALERTS.name())).as("alerts fired by 30 June").isNotEmpty();
            });
            return pipeline;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What an example client needs to reach the pipeline: the broker, the registry, the login files of the reader and
     * the external producer, and the registry's login (the test registry has one reader account for every app).
     */
    Map<String, String> clientEnvironment() {
        return Map.of("BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", cluster.schemaRegistryUrl(),
                "READER_LOGIN", AccessPlan.credentialsFile(credentials, Role.READER.username()).toString(),
                "PRODUCER_LOGIN", AccessPlan.credentialsFile(credentials, Role.EXTERNAL_PRODUCER.username()).toString(),
                "REGISTRY_USER_INFO", cluster.schemaRegistryReaderUserInfo());
    }

    /** The latest standing of every target on target-progress. */
    Map<String, ProgressSnapshot> standings() {
        SpecificAvroDeserializer<ProgressSnapshot> snapshots = new SpecificAvroDeserializer<>(ProgressSnapshot.class);
        snapshots.configure(cluster.registryConfig(), false);
        Map<String, ProgressSnapshot> latest = new HashMap<>();
        TopicContents.readCommitted(cluster.kafkaConfig(), Topics.TARGET_PROGRESS.name(), new StringDeserializer(),
                snapshots, READ_TIMEOUT).forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }

    /** The committed records of {@code topic}, undecoded. */
    List<ConsumerRecord<String, byte[]>> records(String topic) {
        return TopicContents.readCommitted(cluster.kafkaConfig(), topic, new StringDeserializer(),
                new ByteArrayDeserializer(), READ_TIMEOUT);
    }
}
