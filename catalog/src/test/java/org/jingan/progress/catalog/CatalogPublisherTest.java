package org.jingan.progress.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingan.progress.avro.Target;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.RegistryConfig;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The publisher and the publish command against a real broker and a real schema registry. */
class CatalogPublisherTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static TestCluster cluster;
    private static Catalog catalog;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.get();
        catalog = Catalog.loadDefault();
    }

    @Test
    void shouldPublishEveryTargetOnceAndNothingTheSecondTime() {
        String topic = newTargetsTopic();
        CatalogPublisher publisher = new CatalogPublisher(registering(), topic, TIMEOUT);

        CatalogPublisher.Result first = publisher.publish(catalog);
        CatalogPublisher.Result second = publisher.publish(catalog);

        assertThat(first.summary()).isEqualTo("published " + catalog.targets().size() + ", unchanged 0");
        assertThat(first.published()).allSatisfy(t -> assertThat(t.getRevision()).isEqualTo(1));
        assertThat(second.summary()).isEqualTo("published 0, unchanged " + catalog.targets().size());
        List<ConsumerRecord<String, Target>> records = consumeAll(topic);
        assertThat(records).hasSize(catalog.targets().size());
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getId()));
        assertThat(records).extracting(r -> Target.newBuilder(r.value()).setRevisedBy(null).setRevisedAt(null).build())
                .as("the file's targets, stamped with who and when").containsExactlyInAnyOrderElementsOf(catalog.targets());
        assertThat(records).allSatisfy(r -> assertThat(r.value().getRevisedBy()).isNotNull());
    }

    @Test
    void shouldPublishAnEditedRowAsItsNextRevision() throws IOException {
        String topic = newTargetsTopic();
        CatalogPublisher publisher = new CatalogPublisher(registering(), topic, TIMEOUT);
        publisher.publish(catalog);

        // The city sets the unemployment ceiling; retail is revised up.
        String shipped = CatalogDataTest.resource(Catalog.DEFAULT_RESOURCE);
        String edited = CatalogText.edit(CatalogText.edit(shipped,
                "s0-retail-sales", "    targetValue: 800\n", "    targetValue: 810\n"),
                "s0-registered-unemployment", "    targetValue: null", "    targetValue: 45000");
        Path file = dir.resolve("edited.yaml");
        Files.writeString(file, edited, StandardCharsets.UTF_8);
        CatalogPublisher.Result result = publisher.publish(Catalog.load(file).targets(), "city targets received");

        assertThat(result.publishedIds()).containsExactlyInAnyOrder("s0-retail-sales", "s0-registered-unemployment");
        assertThat(result.unchanged()).isEqualTo(catalog.targets().size() - 2);
        Map<String, Target> latest = new HashMap<>();
        List<ConsumerRecord<String, Target>> records = consumeAll(topic);
        records.forEach(r -> latest.put(r.key(), r.value()));
        assertThat(records).hasSize(catalog.targets().size() + 2);
        Target retail = latest.get("s0-retail-sales");
        assertThat(retail.getRevision()).isEqualTo(2);
        assertThat(retail.getTargetValue()).isEqualTo(810.0);
        assertThat(retail.getRevisionNote()).isEqualTo("city targets received (changed targetValue 800 -> 810)");
        Target unemployment = latest.get("s0-registered-unemployment");
        assertThat(unemployment.getRevision()).isEqualTo(2);
        assertThat(unemployment.getTargetValue()).isEqualTo(45000.0);
        assertThat(latest.get("s0-fixed-asset-investment").getRevision()).isEqualTo(1);

        // a third edit of the same row is revision 3; publishing it again changes nothing
        String again = CatalogText.edit(edited, "s0-retail-sales", "    targetValue: 810\n", "    targetValue: 820\n");
        Files.writeString(file, again, StandardCharsets.UTF_8);
        assertThat(publisher.publish(Catalog.load(file).targets(), "revised up again").published()).singleElement()
                .satisfies(t -> assertThat(t.getRevision()).isEqualTo(3));
        assertThat(publisher.publish(Catalog.load(file)).published()).as("nothing to revise: no note needed").isEmpty();
        assertThat(publisher.readPublished().get("s0-retail-sales").getTargetValue()).isEqualTo(820.0);
    }

    @Test
    void shouldStampEveryRecordWithThePrincipalOfItsLoginAndTheTime() throws IOException {
        String topic = newTargetsTopic();
        Instant at = Instant.parse("2020-03-02T01:30:00Z");
        CatalogPublisher publisher = new CatalogPublisher(registering(), topic, TIMEOUT, Clock.fixed(at, ZoneOffset.UTC));
        String principal = LoginPrincipal.of(cluster.kafkaConfig());

        publisher.publish(catalog);
        publisher.publish(Catalog.load(edited("s0-registered-unemployment", "    targetValue: null",
                "    targetValue: 10000")).targets(), "市人社局下达控制数 / the city set the quota");

        Target revised = publisher.readPublished().get("s0-registered-unemployment");
        assertThat(revised.getRevision()).isEqualTo(2);
        assertThat(revised.getTargetValue()).isEqualTo(10000.0);
        assertThat(revised.getRevisedBy()).as("who").isEqualTo(principal)
                .isEqualTo(cluster.securityProperties().isEmpty() ? "User:ANONYMOUS" : "User:admin");
        assertThat(revised.getRevisedAt()).as("when").isEqualTo(at);
        assertThat(revised.getRevisionNote()).as("why").isEqualTo("市人社局下达控制数 / the city set the quota"
                + " (changed targetValue null -> 10000)");
        assertThat(publisher.readPublished().get("s0-retail-sales")).as("revision 1 names who first published it")
                .satisfies(t -> assertThat(t.getRevisedBy()).isEqualTo(principal))
                .satisfies(t -> assertThat(t.getRevisedAt()).isEqualTo(at));
    }

    @Test
    void shouldRefuseARevisionWithoutANoteAndWriteNothing() throws IOException {
        String topic = newTargetsTopic();
        CatalogPublisher publisher = new CatalogPublisher(registering(), topic, TIMEOUT);
        publisher.publish(catalog);
        List<Target> edited = Catalog.load(edited("s0-retail-sales", "    targetValue: 800\n", "    targetValue: 810\n"))
                .targets();

        for (String note : java.util.Arrays.asList(null, "", "   ")) {
            PublishException e = catchThrowableOfType(PublishException.class, () -> publisher.publish(edited, note));
            assertThat(e.reason()).isEqualTo(PublishException.Reason.NOTE_REQUIRED);
            assertThat(e.getMessage()).contains("would revise 1 target(s)").contains("s0-retail-sales").contains("--note");
        }

        assertThat(consumeAll(topic)).as("nothing written").hasSize(catalog.targets().size());
        assertThat(publisher.readPublished().get("s0-retail-sales").getTargetValue()).isEqualTo(800.0);
    }

    @Test
    void shouldSeedAnEmptyTopicOnlyAndNeverUndoARevision() throws IOException {
        String topic = newTargetsTopic();
        CatalogPublisher publisher = new CatalogPublisher(registering(), topic, TIMEOUT);

        CatalogPublisher.Seeding first = publisher.seed(catalog);
        publisher.publish(Catalog.load(edited("s0-registered-unemployment", "    targetValue: null",
                "    targetValue: 10000")).targets(), "the city set the quota");
        CatalogPublisher.Seeding second = publisher.seed(catalog);

        assertThat(first.seeded()).isTrue();
        assertThat(first.published().published()).hasSize(catalog.targets().size());
        assertThat(second.seeded()).isFalse();
        assertThat(second.summary()).isEqualTo(catalog.targets().size() + " targets on the topic, the file is not"
                + " republished; `catalog diff` shows what it would change");
        assertThat(publisher.readPublished().get("s0-registered-unemployment"))
                .satisfies(t -> assertThat(t.getTargetValue()).isEqualTo(10000.0))
                .satisfies(t -> assertThat(t.getRevision()).isEqualTo(2));
    }

    @Test
    void shouldShowWhatTheFileWouldChangeOnTheTopicAndWriteNothing() throws IOException {
        String topic = newTargetsTopic();
        CatalogPublisher publisher = new CatalogPublisher(registering(), topic, TIMEOUT);
        publisher.publish(catalog);
        Path file = edited("s0-registered-unemployment", "    targetValue: null", "    targetValue: 10000");
        String twice = CatalogText.edit(Files.readString(file), "s0-retail-sales", "    department: commerce\n",
                "    department: development\n");
        Files.writeString(file, twice, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("diff", "--file", file.toString(), "--bootstrap-servers",
                cluster.bootstrapServers(), "--topic", topic));
        args.addAll(cluster.registryArgs());
        args.addAll(cluster.securityArgs("--kafka-property"));

        Run run = cli(args.toArray(String[]::new));

        assertThat(run.exit()).as(run.err()).isEqualTo(CatalogCli.OK);
        assertThat(run.out()).contains("~ s0-registered-unemployment  (revision 1 -> 2)\n"
                        + "    targetValue: null \u2192 10000\n")
                .contains("~ s0-retail-sales  (revision 1 -> 2)\n")
                .contains("    departmentId: commerce \u2192 development\n")
                .endsWith("added 0, changed 2, unchanged " + (catalog.targets().size() - 2) + "\n");
        assertThat(consumeAll(topic)).as("read-only").hasSize(catalog.targets().size());
    }

    @Test
    void shouldRefuseARevisionWithoutANoteFromTheCommandLineAndPublishItWithOne() throws IOException {
        String topic = newTargetsTopic();
        new CatalogPublisher(registering(), topic, TIMEOUT).publish(catalog);
        Path file = edited("s0-retail-sales", "    targetValue: 800\n", "    targetValue: 810\n");
        List<String> args = new ArrayList<>(List.of("publish", "--file", file.toString(), "--bootstrap-servers",
                cluster.bootstrapServers(), "--topic", topic));
        args.addAll(cluster.registryArgs());
        args.addAll(cluster.securityArgs("--kafka-property"));

        Run refused = cli(args.toArray(String[]::new));
        args.addAll(List.of("--note", "city raised the retail target"));
        Run published = cli(args.toArray(String[]::new));

        assertThat(refused.exit()).isEqualTo(CatalogCli.USAGE);
        assertThat(refused.err()).contains("Refused: publishing would revise 1 target(s)").contains("--note");
        assertThat(published.exit()).as(published.err()).isEqualTo(CatalogCli.OK);
        assertThat(published.out()).contains("  s0-retail-sales -> revision 2 (city raised the retail target"
                + " (changed targetValue 800 -> 810))\n").contains("by " + LoginPrincipal.of(cluster.kafkaConfig()) + " at ")
                .endsWith("published 1, unchanged " + (catalog.targets().size() - 1) + "\n");
    }

    /** The shipped catalog with one row edited, as a file. */
    private Path edited(String id, String from, String to) throws IOException {
        String text = CatalogText.edit(CatalogDataTest.resource(Catalog.DEFAULT_RESOURCE), id, from, to);
        return Files.writeString(Files.createTempFile(dir, "edited", ".yaml"), text, StandardCharsets.UTF_8);
    }

    @Test
    void shouldRefuseAMissingTopicWithoutCreatingIt() throws Exception {
        String topic = cluster.uniqueName("no-such-targets");
        CatalogPublisher publisher = new CatalogPublisher(registering(), topic, TIMEOUT);

        PublishException e = catchThrowableOfType(PublishException.class, () -> publisher.publish(catalog));

        assertThat(e.reason()).isEqualTo(PublishException.Reason.FAILED);
        assertThat(e.getMessage()).contains("The topic '" + topic + "' does not exist").contains("compact");
        try (Admin admin = Admin.create(cluster.kafkaConfig())) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    @Test
    void shouldPublishFromTheCommandLine() {
        String topic = newTargetsTopic();
        List<String> all = new java.util.ArrayList<>(List.of("publish", "--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-auto-register", "--topic", topic));
        all.addAll(cluster.registryArgs());
        all.addAll(cluster.securityArgs("--kafka-property"));
        String[] args = all.toArray(String[]::new);

        Run first = cli(args);
        Run second = cli(args);

        assertThat(first.exit()).as(first.err()).isEqualTo(CatalogCli.OK);
        assertThat(first.out()).endsWith("published " + catalog.targets().size() + ", unchanged 0\n")
                .contains("  s0-retail-sales -> revision 1\n");
        assertThat(second.exit()).isEqualTo(CatalogCli.OK);
        assertThat(second.out()).isEqualTo("published 0, unchanged " + catalog.targets().size() + "\n");
    }

    @Test
    void shouldExitWithThreeWhenTheBrokerDoesNotAnswer() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<String> all = new java.util.ArrayList<>(List.of("publish", "--bootstrap-servers", "127.0.0.1:" + closedPort,
                "--timeout-seconds", "2"));
        all.addAll(cluster.registryArgs());
        Run run = cli(all.toArray(String[]::new));

        assertThat(run.exit()).isEqualTo(CatalogCli.UNREACHABLE);
        assertThat(run.err()).contains("Kafka at 127.0.0.1:" + closedPort + " did not answer");
    }

    @Test
    void shouldExitWithThreeWhenTheRegistryDoesNotAnswer() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String registry = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
        List<String> all = new java.util.ArrayList<>(List.of("publish", "--bootstrap-servers", cluster.bootstrapServers(),
                "--schema-registry-url", registry, "--topic", newTargetsTopic(), "--timeout-seconds", "10"));
        all.addAll(cluster.securityArgs("--kafka-property"));
        Run run = cli(all.toArray(String[]::new));

        assertThat(run.exit()).as(run.err()).isEqualTo(CatalogCli.UNREACHABLE);
        assertThat(run.err()).contains("The schema registry at " + registry + " did not answer");
    }

    @Test
    void shouldNotRegisterTheSchemaByDefaultAndSayWhoDoes() {
        String topic = newTargetsTopic();
        List<String> all = new java.util.ArrayList<>(List.of("publish", "--bootstrap-servers", cluster.bootstrapServers(),
                "--topic", topic));
        all.addAll(cluster.registryArgs());
        all.addAll(cluster.securityArgs("--kafka-property"));

        Run run = cli(all.toArray(String[]::new));

        assertThat(run.exit()).as(run.err()).isEqualTo(CatalogCli.PUBLISH_FAILED);
        assertThat(run.err()).contains("not registered under subject '" + topic + "-value'")
                .contains("auto.register.schemas=false").contains("ClusterInit");
        assertThatThrownBy(() -> new CatalogPublisher(cluster.clientConfig(), topic, TIMEOUT).publish(catalog))
                .as("the library's default too").isInstanceOf(PublishException.class)
                .hasMessageContaining("not registered under subject '" + topic + "-value'");
    }

    /** The admin's settings, registering the targets' schema: no deploy step registers the test's own topics. */
    private static Map<String, Object> registering() {
        Map<String, Object> config = new java.util.HashMap<>(cluster.clientConfig());
        config.put("auto.register.schemas", true);
        return config;
    }

    private String newTargetsTopic() {
        return cluster.createTopicLike(cluster.uniqueName("targets"), Topics.TARGETS).name();
    }

    /** Everything on the topic, read by a consumer configured the way other modules configure theirs. */
    private List<ConsumerRecord<String, Target>> consumeAll(String topic) {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, cluster.uniqueName("catalog-check"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, SpecificAvroDeserializer.class.getName());
        config.put(RegistryConfig.SPECIFIC_AVRO_VALUE_TYPE, Target.class.getName());
        List<ConsumerRecord<String, Target>> records = new ArrayList<>();
        try (KafkaConsumer<String, Target> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long expectedEnd = -1;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (!consumer.assignment().isEmpty()) {
                    if (expectedEnd < 0) {
                        expectedEnd = consumer.endOffsets(consumer.assignment()).values().stream()
                                .mapToLong(Long::longValue).sum();
                    }
                    if (records.size() >= expectedEnd) {
                        break;
                    }
                }
            }
            assertThat(expectedEnd).as("the consumer was assigned the topic's partitions").isNotNegative();
        }
        return records;
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CatalogCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
