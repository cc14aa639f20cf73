package org.jingan.progress.intake.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.intake.app.IntakeConfig;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * The intake runs with {@code auto.register.schemas=false} by default on a real registry: a topic whose subject the
 * deploy step has not registered is not written, and the failure names the subject and the deploy step.
 */
class UnregisteredSchemaIntegrationTest {

    @Test
    void shouldRefuseToWriteToASubjectNobodyRegisteredWithTheDefaultConfig() throws Exception {
        TestCluster cluster = TestCluster.get();
        String topic = cluster.createTopicLike(cluster.uniqueName("unregistered-events"), Topics.PROGRESS_EVENTS).name();
        Map<String, String> settings = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", cluster.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", cluster.schemaRegistryUrl(), "INTAKE_API_KEYS", "construction=sha256:00",
                "INTAKE_TOPIC", topic));
        if (cluster.schemaRegistryUserInfo() != null) {
            settings.put("SCHEMA_REGISTRY_BASIC_AUTH", cluster.schemaRegistryUserInfo());
        }
        IntakeConfig config = IntakeConfig.fromSettings(settings);
        assertThat(config.registryConfig()).containsEntry("auto.register.schemas", false);

        var connection = new HashMap<String, Object>(cluster.securityProperties());
        connection.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        ProgressEvent event = ProgressEvent.newBuilder().setEventId("unregistered-1").setTargetId("c-elevators")
                .setDepartmentId("construction").setReporter("someone").setKind(UpdateKind.INCREMENT).setValue(1.0)
                .setUnit("台").setEventTime(Instant.parse("2020-06-01T00:00:00Z"))
                .setReportedAt(Instant.parse("2020-06-01T00:00:00Z")).setChannel("API").build();
        try (var publisher = new KafkaEventPublisher(topic, connection, config.registryConfig(), Duration.ofSeconds(8))) {
            List<CompletableFuture<Delivery>> sent = publisher.publish(List.of(event));
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> sent.get(0).get(30, TimeUnit.SECONDS));
            assertThat(failure.getCause()).isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("not registered under subject '" + topic + "-value'")
                    .hasMessageContaining("auto.register.schemas=false")
                    .hasMessageContaining("ClusterInit");
        }
    }
}
