package org.jingan.progress.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.intake.app.IntakeConfig;
import org.jingan.progress.intake.app.IntakeServer;
import org.jingan.progress.intake.auth.ApiKeys;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.testkit.TestCluster;
import org.jingan.progress.testkit.TopicContents;

/**
 * A running intake on the shared test cluster: its own topic, the hand-made catalog, a credentials file with one key
 * for each of its two departments, and the clock at 2020-07-01. Plus HTTP and consumer helpers.
 */
public final class IntakeFixture implements AutoCloseable {
    public static final long MAX_BODY_BYTES = 64 * 1024;
    public static final int MAX_ROWS = 50;

    public final TestCluster cluster;
    public final String topic;
    public final Path credentialsFile;
    public final String constructionKey = ApiKeys.generate();
    public final String commerceKey = ApiKeys.generate();
    public final IntakeServer server;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final ObjectMapper mapper = new ObjectMapper();

    private IntakeFixture(Path dir, String topic, UnaryOperator<IntakeConfig.Builder> customize) {
        this.cluster = TestCluster.get();
        this.topic = topic;
        try {
            this.credentialsFile = Files.writeString(dir.resolve("credentials.properties"),
                    "construction = " + ApiKeys.hash(constructionKey) + "\ncommerce = " + ApiKeys.hash(commerceKey) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IntakeConfig.Builder config = IntakeConfig.builder()
                .httpPort(0)
                .bootstrapServers(cluster.bootstrapServers())
                .schemaRegistryUrl(cluster.schemaRegistryUrl())
                .schemaRegistryBasicAuth(cluster.schemaRegistryUserInfo())
                .schemaRegistryAutoRegister(true) // no deploy step registers the test's own topics
                .topic(topic)
                .credentialsFile(credentialsFile)
                .credentialsRecheck(Duration.ofMillis(100))
                .targets(TestTargets.ALL)
                .clock(TestTargets.CLOCK)
                .maxBodyBytes(MAX_BODY_BYTES)
                .maxRows(MAX_ROWS);
        cluster.securityProperties().forEach(config::kafkaClientConfig);
        this.server = IntakeServer.start(customize.apply(config).build());
    }

    /** A fresh intake with its own new topic. */
    public static IntakeFixture start(Path dir) {
        return start(dir, UnaryOperator.identity());
    }

    public static IntakeFixture start(Path dir, UnaryOperator<IntakeConfig.Builder> customize) {
        TestCluster cluster = TestCluster.get();
        String topic = cluster.createTopicLike(cluster.uniqueName("progress-events"), Topics.PROGRESS_EVENTS).name();
        return new IntakeFixture(dir, topic, customize);
    }

    /** Another intake on the same topic (e.g. with other settings). */
    public static IntakeFixture onTopic(Path dir, String topic, UnaryOperator<IntakeConfig.Builder> customize) {
        return new IntakeFixture(dir, topic, customize);
    }

    public String url(String path) {
        return server.url() + path;
    }

    public HttpResponse<String> postJson(String path, String key, String json, String... headers) {
        return send(request(path, key, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A POST of {@code body}; {@code contentType} null sends no Content-Type header. */
    public HttpResponse<String> postBytes(String path, String key, byte[] body, String contentType, String... headers) {
        HttpRequest.Builder request = request(path, key, headers);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET().build());
    }

    /** GET on the intake's management port (metrics, health): no key, none is asked there. */
    public HttpResponse<String> management(String path) {
        return send(HttpRequest.newBuilder(URI.create(server.managementUrl() + path)).timeout(Duration.ofSeconds(60))
                .GET().build());
    }

    public HttpRequest.Builder request(String path, String key, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode json(HttpResponse<String> response) {
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** Every record of the topic, read back through the registry. */
    public List<ConsumerRecord<String, ProgressEvent>> records() {
        return readAll(cluster.kafkaConfig(), cluster.registryConfig(), topic);
    }

    /**
     * Every record of {@code topic}; {@code kafka}: bootstrap.servers and the security settings; {@code registry}: the
     * registry's URL and login.
     */
    public static List<ConsumerRecord<String, ProgressEvent>> readAll(Map<String, Object> kafka, Map<String, Object> registry,
                                                                      String topic) {
        Map<String, Object> config = new java.util.HashMap<>(kafka);
        config.putAll(registry);
        config.putAll(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                "specific.avro.value.type", ProgressEvent.class.getName()));
        var deserializer = new SpecificAvroDeserializer<ProgressEvent>();
        deserializer.configure(config, false);
        return TopicContents.readCommitted(config, topic, new StringDeserializer(), deserializer, Duration.ofSeconds(60));
    }

    public List<ProgressEvent> events() {
        return records().stream().map(ConsumerRecord::value).toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
