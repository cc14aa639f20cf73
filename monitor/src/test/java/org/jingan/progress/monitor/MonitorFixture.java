package org.jingan.progress.monitor;

import java.io.IOException;
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
import org.jingan.progress.monitor.notify.RetryPolicy;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.jingan.progress.testkit.TestCluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Per-test topics on the shared real cluster, a producer of Alert notices, and HTTP helpers for the console. */
final class MonitorFixture implements AutoCloseable {
    final TestCluster cluster = TestCluster.get();
    final String alertsTopic = cluster.createTopicLike(cluster.uniqueName("alerts"), Topics.ALERTS).name();
    final String acksTopic = cluster.createTopicLike(cluster.uniqueName("acks"), Topics.ALERT_ACKS).name();
    final String groupId = cluster.uniqueName("monitor");
    final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private KafkaProducer<String, Alert> producer;

    /** A config on this fixture's topics, console on a free port, fast retries. */
    MonitorConfig.Builder config() {
        return MonitorConfig.builder(cluster.bootstrapServers(), cluster.schemaRegistryUrl())
                .clientProperties(cluster.loginProperties())
                .httpPort(0).groupId(groupId).alertsTopic(alertsTopic).acksTopic(acksTopic)
                .retryPolicy(new RetryPolicy(5, Duration.ofMillis(50), Duration.ofMillis(400)))
                .webhookTimeout(Duration.ofSeconds(5));
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

    HttpResponse<String> get(MonitorServer monitor, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(monitor.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(MonitorServer monitor, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(monitor.baseUrl() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
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
