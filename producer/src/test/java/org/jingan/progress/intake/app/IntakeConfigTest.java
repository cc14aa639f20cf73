package org.jingan.progress.intake.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntakeConfigTest {
    @Test
    void shouldReadSettingsNamedLikeEnvironmentVariablesOrDottedProperties() {
        IntakeConfig config = IntakeConfig.fromSettings(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                "schema.registry.url", "http://registry:8081/apis/ccompat/v7",
                "INTAKE_HTTP_PORT", "9000",
                "intake.credentials.file", "/etc/intake/credentials.properties",
                "INTAKE_DELIVERY_TIMEOUT_MS", "6000",
                "INTAKE_MAX_ROWS", "200",
                "INTAKE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "INTAKE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "PATH", "/usr/bin"));

        assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.schemaRegistryUrl()).isEqualTo("http://registry:8081/apis/ccompat/v7");
        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.credentialsFile()).isEqualTo(Path.of("/etc/intake/credentials.properties"));
        assertThat(config.deliveryTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(config.maxRows()).isEqualTo(200);
        assertThat(config.topic()).isEqualTo("progress-events");
        assertThat(config.kafkaClientConfig()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"));
    }

    @Test
    void shouldSayWhichSettingIsMissingOrWrong() {
        assertThatThrownBy(() -> IntakeConfig.fromSettings(Map.of("SCHEMA_REGISTRY_URL", "http://r", "INTAKE_API_KEYS", "a=b")))
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> IntakeConfig.fromSettings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092", "SCHEMA_REGISTRY_URL", "http://r")))
                .hasMessageContaining("INTAKE_CREDENTIALS_FILE");
        assertThatThrownBy(() -> IntakeConfig.fromSettings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092", "SCHEMA_REGISTRY_URL", "http://r",
                "INTAKE_API_KEYS", "a=b", "INTAKE_HTTP_PORT", "eighty")))
                .hasMessageContaining("not a number");
    }

    @Test
    void shouldKeepTheRegistryPasswordOutOfItsDescription() {
        IntakeConfig config = IntakeConfig.builder().bootstrapServers("b:9092").schemaRegistryUrl("http://r")
                .schemaRegistryBasicAuth("user:s3cret").inlineCredentials("a=b").build();
        assertThat(config.toString()).doesNotContain("s3cret");
    }
}
