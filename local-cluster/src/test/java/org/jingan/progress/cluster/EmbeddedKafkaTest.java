package org.jingan.progress.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.contract.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @Test
    void shouldKeepTopicsAndRecordsAcrossARestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).build().start();
        try {
            TopicSetup.createMissing(kafka.adminClientConfig(), Topics.ALL, 1);
            try (var producer = new KafkaProducer<>(kafka.adminClientConfig(),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.PROGRESS_EVENTS.name(), "t1", "before restart")).get();
            }
            kafka.stop();
            kafka.start();

            assertThat(TopicSetup.createMissing(kafka.adminClientConfig(), Topics.ALL, 1)).isEmpty();
            assertThat(readValues(kafka.adminClientConfig(), Topics.PROGRESS_EVENTS.name(), 1)).containsExactly("before restart");
        } finally {
            kafka.stop();
        }
    }

    @Test
    void shouldRefuseClientsWithoutTheAdminsLoginAndKeepTheAdminCredentialAcrossARestart(@TempDir Path dir) throws Exception {
        KafkaLogin admin = KafkaLogin.generate("admin");
        EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).admin(admin).build().start();
        try {
            Map<String, Object> anonymous = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "request.timeout.ms", 3000, "default.api.timeout.ms", 5000);
            assertThatThrownBy(() -> describeCluster(anonymous)).hasStackTraceContaining("Timeout");
            Map<String, Object> wrongPassword = new HashMap<>(new KafkaLogin("admin", "wrong").clientConfig(kafka.bootstrapServers()));
            assertThatThrownBy(() -> describeCluster(wrongPassword))
                    .hasRootCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
            assertThat(describeCluster(kafka.adminClientConfig())).isEqualTo(1);
            kafka.stop();
            kafka = EmbeddedKafka.builder().dataDir(dir).port(kafka.port()).controllerPort(kafka.controllerPort())
                    .admin(admin).build().start();
            assertThat(describeCluster(kafka.adminClientConfig())).isEqualTo(1);
        } finally {
            kafka.stop();
        }
    }

    private static int describeCluster(Map<String, Object> config) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(config)) {
            return admin.describeCluster().nodes().get(10, java.util.concurrent.TimeUnit.SECONDS).size();
        }
    }

    @Test
    void shouldRefuseAPortInUseWithASentenceSayingWhatToDo(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).port(taken.getLocalPort()).build();

            assertThatThrownBy(kafka::start)
                    .isInstanceOf(FreePorts.PortInUseException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("--kafka-port");
        }
    }

    private static List<String> readValues(Map<String, Object> client, String topic, int expected) {
        List<String> values = new ArrayList<>();
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
