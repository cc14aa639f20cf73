package org.jingan.progress.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.monitor.auth.OperatorLine;
import org.jingan.progress.monitor.auth.OperatorsFile;
import org.jingan.progress.monitor.auth.PasswordHash;
import org.jingan.progress.monitor.auth.Role;
import org.jingan.progress.monitor.notify.RetryPolicy;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.jingan.progress.testkit.TestCluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Per-test topics on the shared real cluster, a producer of Alert notices, an operators file with two operators and
 * a viewer, and HTTP helpers for the console that sign in as {@link #OPERATOR} unless told otherwise.
 */
final class MonitorFixture implements AutoCloseable {
    /** A person in the test operators file, and how to send their password with HTTP Basic. */
    record Login(String name, String password) {
        String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

    static final Login OPERATOR = new Login("张三", "operator-password-1");
    static final Login SECOND_OPERATOR = new Login("李四", "operator-password-2");
    static final Login VIEWER = new Login("王五", "viewer-password-3");
    /** One file for the test JVM; cheap hashes (the floor's iterations) keep sign-ins fast. */
    static final Path OPERATORS_FILE = writeOperatorsFile();

    final TestCluster cluster = TestCluster.get();
    final String alertsTopic = cluster.createTopicLike(cluster.uniqueName("alerts"), Topics.ALERTS).name();
    final String acksTopic = cluster.createTopicLike(cluster.uniqueName("acks"), Topics.ALERT_ACKS).name();
    final String targetsTopic = cluster.createTopicLike(cluster.uniqueName("targets"), Topics.TARGETS).name();
    final String groupId = cluster.uniqueName("monitor");
    final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private KafkaProducer<String, Alert> producer;

    /** A config on this fixture's topics, console on a free port, fast retries. */
    MonitorConfig.Builder config() {
        return MonitorConfig.builder(cluster.bootstrapServers(), cluster.schemaRegistryUrl())
                .clientProperties(cluster.loginProperties())
                .httpPort(0).groupId(groupId).alertsTopic(alertsTopic).acksTopic(acksTopic).targetsTopic(targetsTopic)
                .retryPolicy(new RetryPolicy(5, Duration.ofMillis(50), Duration.ofMillis(400)))
                .webhookTimeout(Duration.ofSeconds(5))
                // every group change notified at once, so a test sees each change as its own notice
                .notificationTimings(org.jingan.progress.monitor.group.GroupTimings.immediate(Duration.ofHours(4)))
                .operatorsFile(OPERATORS_FILE);
    }

    private static Path writeOperatorsFile() {
        try {
            Path file = Files.createTempDirectory("monitor-operators").resolve("operators");
            OperatorsFile.put(file, line(OPERATOR, Role.OPERATOR));
            OperatorsFile.put(file, line(SECOND_OPERATOR, Role.OPERATOR));
            OperatorsFile.put(file, line(VIEWER, Role.VIEWER));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OperatorLine line(Login login, Role role) {
        return new OperatorLine(login.name(), role, PasswordHash.hash(login.password().toCharArray(),
                PasswordHash.MIN_ITERATIONS));
    }

    /** Produces one notice, keyed by its dedup key, and waits for the broker's ack; says where it was written. */
    RecordMetadata send(Alert alert) throws Exception {
        return producer().send(new ProducerRecord<>(alertsTopic, alert.getDedupKey(), alert)).get();
    }

    /** Produces one notice to {@code topic}'s {@code partition} with the record timestamp {@code timestamp}. */
    RecordMetadata send(String topic, int partition, Instant timestamp, Alert alert) throws Exception {
        return producer().send(new ProducerRecord<>(topic, partition, timestamp.toEpochMilli(), alert.getDedupKey(),
                alert)).get();
    }

    KafkaProducer<String, Alert> producer() {
        if (producer == null) {
            producer = newProducer(Map.of());
        }
        return producer;
    }

    KafkaProducer<String, Alert> newProducer(Map<String, Object> extra) {
        Map<String, Object> props = cluster.kafkaConfig(extra);
        SpecificAvroSerializer<Alert> values = new SpecificAvroSerializer<>();
        values.configure(cluster.registryConfig(), false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    /** GET as {@link #OPERATOR}. */
    HttpResponse<String> get(MonitorServer monitor, String path) throws IOException, InterruptedException {
        return http(request(monitor, path, OPERATOR).GET().build());
    }

    /** GET on the management port (metrics, health), with no credentials: none are asked there. */
    HttpResponse<String> management(MonitorServer monitor, String path) throws IOException, InterruptedException {
        return http(java.net.http.HttpRequest.newBuilder(java.net.URI.create(monitor.managementUrl() + path)).GET().build());
    }

    /** POST of a JSON body as {@link #OPERATOR}. */
    HttpResponse<String> post(MonitorServer monitor, String path, String body) throws IOException, InterruptedException {
        return post(monitor, path, body, OPERATOR);
    }

    /** POST of a JSON body as {@code login}; null sends no credentials. */
    HttpResponse<String> post(MonitorServer monitor, String path, String body, Login login)
            throws IOException, InterruptedException {
        return http(request(monitor, path, login).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A request to the monitor signed in as {@code login} with HTTP Basic; null sends no credentials. */
    HttpRequest.Builder request(MonitorServer monitor, String path, Login login) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(monitor.baseUrl() + path));
        return login == null ? request : request.header("Authorization", login.basic());
    }

    HttpResponse<String> http(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(MonitorServer monitor, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(monitor, path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
