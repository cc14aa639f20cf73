package org.jingan.progress.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.contract.Topics;
import org.junit.jupiter.api.Test;

/** What every backing of {@link TestCluster} must do; run once per kind by the subclasses. */
abstract class RealClusterContract {

    abstract TestCluster cluster();

    @Test
    void shouldCommitTransactionsThatReadCommittedConsumersSee() throws Exception {
        String topic = cluster().uniqueName("tx");
        cluster().createTopicLike(topic, Topics.PROGRESS_EVENTS);
        try (var producer = new KafkaProducer<String, String>(cluster().kafkaConfig(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, cluster().uniqueName("tx-id"))),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "aborted", "1"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "committed", "2"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> seen = readAll(topic, 1);

        assertThat(seen).extracting(ConsumerRecord::key).containsExactly("committed");
    }

    @Test
    void shouldCreateTopicsWithTheirDeliberateSettings() throws Exception {
        String name = cluster().uniqueName("snapshots");
        cluster().createTopicLike(name, Topics.TARGET_PROGRESS);
        cluster().createTopicLike(name, Topics.TARGET_PROGRESS); // again: no error, nothing changes

        try (Admin admin = Admin.create(cluster().kafkaConfig())) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
            Config config = admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            var description = admin.describeTopics(Set.of(name)).allTopicNames().get(30, TimeUnit.SECONDS).get(name);

            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
            assertThat(description.partitions()).hasSize(Topics.PARTITIONS);
        }
    }

    @Test
    void shouldServeTheConfluentRegistryApi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String subject = cluster().uniqueName("contract") + "-value";
        String body = "{\"schema\": \"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Probe\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}\"}";

        HttpResponse<String> registered = http.send(cluster().registryRequest("/subjects/" + subject + "/versions")
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(200);
        String id = registered.body().replaceAll("\\D+", "");

        HttpResponse<String> fetched = http.send(cluster().registryRequest("/schemas/ids/" + id).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).contains("Probe");
    }

    private List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(cluster().kafkaConfig(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, cluster().uniqueName("reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            // one more poll: anything beyond what is expected would show up here
            consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
        }
        return seen;
    }
}
