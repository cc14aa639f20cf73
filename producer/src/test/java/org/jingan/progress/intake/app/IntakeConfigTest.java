package org.jingan.progress.intake.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jingan.progress.clock.ClockMode;
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
    void shouldBoundValuesAndRateLimitDepartmentsGenerouslyUnlessToldOtherwise() {
        var base = Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092", "SCHEMA_REGISTRY_URL", "http://r", "INTAKE_API_KEYS", "a=b");
        IntakeConfig defaults = IntakeConfig.fromSettings(base);
        assertThat(defaults.valueBounds()).isEqualTo(new org.jingan.progress.intake.validation.ValueBounds(100, 1e9));
        assertThat(defaults.rateLimit()).isEqualTo(new org.jingan.progress.intake.http.RateLimit(600, 100));

        var settings = new java.util.HashMap<>(base);
        settings.putAll(Map.of("INTAKE_MAX_VALUE_MULTIPLE", "20", "INTAKE_MAX_VALUE_WITHOUT_TARGET", "5e6",
                "INTAKE_RATE_LIMIT_PER_MINUTE", "0", "INTAKE_RATE_LIMIT_BURST", "10"));
        IntakeConfig custom = IntakeConfig.fromSettings(settings);
        assertThat(custom.valueBounds().maxMultiple()).isEqualTo(20);
        assertThat(custom.valueBounds().maxWithoutReference()).isEqualTo(5e6);
        assertThat(custom.rateLimit().enabled()).as("0 turns the limit off").isFalse();

        settings.put("INTAKE_RATE_LIMIT_BURST", "many");
        assertThatThrownBy(() -> IntakeConfig.fromSettings(settings)).hasMessageContaining("INTAKE_RATE_LIMIT_BURST");
        settings.put("INTAKE_RATE_LIMIT_BURST", "10");
        settings.put("INTAKE_MAX_VALUE_MULTIPLE", "-1");
        assertThatThrownBy(() -> IntakeConfig.fromSettings(settings)).hasMessageContaining("INTAKE_MAX_VALUE_MULTIPLE");
    }

    @Test
    void shouldKeepTheRegistryPasswordOutOfItsDescription() {
        IntakeConfig config = IntakeConfig.builder().bootstrapServers("b:9092").schemaRegistryUrl("http://r")
                .schemaRegistryBasicAuth("user:s3cret").inlineCredentials("a=b").build();
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldRunOnTheWallClockWithAnHourAheadAndAMonthOfGraceUnlessToldOtherwise() {
        IntakeConfig config = IntakeConfig.fromSettings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092",
                "SCHEMA_REGISTRY_URL", "http://r", "INTAKE_API_KEYS", "a=b"));

        assertThat(config.clockMode()).isEqualTo(ClockMode.WALL);
        assertThat(config.clockStart()).isEqualTo(Instant.parse("2019-12-31T16:00:00Z"));
        assertThat(config.clockTopic()).isEqualTo("district-clock");
        assertThat(config.maxEventTimeAhead()).isEqualTo(Duration.ofHours(1));
        assertThat(config.reportingGrace()).isEqualTo(Duration.ofDays(31));
    }

    @Test
    void shouldReadTheClockSettings() {
        IntakeConfig config = IntakeConfig.fromSettings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092",
                "SCHEMA_REGISTRY_URL", "http://r", "INTAKE_API_KEYS", "a=b",
                "INTAKE_CLOCK", "Simulated", "intake.clock.start", "2020-03-01", "INTAKE_CLOCK_TOPIC", "demo-clock",
                "INTAKE_MAX_EVENT_TIME_AHEAD", "30m", "INTAKE_REPORTING_GRACE", "P10D"));

        assertThat(config.clockMode()).isEqualTo(ClockMode.SIMULATED);
        assertThat(config.clockStart()).as("a date is its 00:00 in Shanghai").isEqualTo(Instant.parse("2020-02-29T16:00:00Z"));
        assertThat(config.clockTopic()).isEqualTo("demo-clock");
        assertThat(config.eventTimeBounds().maxEventTimeAhead()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.eventTimeBounds().reportingGrace()).isEqualTo(Duration.ofDays(10));
        assertThat(config.toString()).contains("simulated from 2020-02-29T16:00:00Z on demo-clock");
        assertThat(IntakeConfig.fromSettings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092", "SCHEMA_REGISTRY_URL", "http://r",
                "INTAKE_API_KEYS", "a=b", "INTAKE_CLOCK_START", "2020-06-30T12:00+08:00")).clockStart())
                .isEqualTo(Instant.parse("2020-06-30T04:00:00Z"));
    }

    @Test
    void shouldSayWhichClockSettingIsWrong() {
        Map<String, String> base = Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092", "SCHEMA_REGISTRY_URL", "http://r",
                "INTAKE_API_KEYS", "a=b");
        assertThatThrownBy(() -> IntakeConfig.fromSettings(with(base, "INTAKE_CLOCK", "sundial")))
                .hasMessageContaining("INTAKE_CLOCK").hasMessageContaining("'wall' or 'simulated'");
        assertThatThrownBy(() -> IntakeConfig.fromSettings(with(base, "INTAKE_CLOCK_START", "next spring")))
                .hasMessageContaining("INTAKE_CLOCK_START");
        assertThatThrownBy(() -> IntakeConfig.fromSettings(with(base, "INTAKE_REPORTING_GRACE", "a month")))
                .hasMessageContaining("INTAKE_REPORTING_GRACE").hasMessageContaining("31d");
        assertThatThrownBy(() -> IntakeConfig.fromSettings(with(base, "INTAKE_MAX_EVENT_TIME_AHEAD", "-1h")))
                .hasMessageContaining("INTAKE_MAX_EVENT_TIME_AHEAD");
    }

    @Test
    void shouldNotRegisterSchemasOnARealRegistryUnlessAskedTo() {
        Map<String, String> base = Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092", "SCHEMA_REGISTRY_URL", "http://r",
                "INTAKE_API_KEYS", "a=b");
        assertThat(IntakeConfig.fromSettings(base).registryConfig()).containsEntry("auto.register.schemas", false)
                .containsEntry("schema.registry.url", "http://r").doesNotContainKey("basic.auth.user.info");
        assertThat(IntakeConfig.fromSettings(with(base, "SCHEMA_REGISTRY_AUTO_REGISTER", "true")).registryConfig())
                .containsEntry("auto.register.schemas", true);
        assertThat(IntakeConfig.fromSettings(with(base, "SCHEMA_REGISTRY_URL", "mem://x")).registryConfig())
                .as("an in-JVM registry has no deploy step").containsEntry("auto.register.schemas", true);
        assertThatThrownBy(() -> IntakeConfig.fromSettings(with(base, "SCHEMA_REGISTRY_AUTO_REGISTER", "yes")))
                .hasMessageContaining("SCHEMA_REGISTRY_AUTO_REGISTER");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        var all = new java.util.HashMap<>(base);
        all.put(key, value);
        return all;
    }

    @Test
    void shouldRememberEventIdsSixtyDaysPastTheYearAndHalfAMillionOfThemUnlessToldOtherwise() {
        Map<String, String> required = Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092", "SCHEMA_REGISTRY_URL", "http://r",
                "INTAKE_API_KEYS", "a=b");
        IntakeConfig defaults = IntakeConfig.fromSettings(required);
        var settings = new java.util.HashMap<>(required);
        settings.put("INTAKE_DEDUP_RETENTION_AFTER_YEAR", "90d");
        settings.put("INTAKE_RECENT_EVENTS", "1000");

        assertThat(defaults.dedupRetentionAfterYear()).isEqualTo(Duration.ofDays(60));
        assertThat(defaults.recentEventsCapacity()).isEqualTo(500_000);
        assertThat(IntakeConfig.fromSettings(settings).dedupRetentionAfterYear()).isEqualTo(Duration.ofDays(90));
        assertThat(IntakeConfig.fromSettings(settings).recentEventsCapacity()).isEqualTo(1000);
        settings.put("INTAKE_DEDUP_RETENTION_AFTER_YEAR", "-PT1H");
        assertThatThrownBy(() -> IntakeConfig.fromSettings(settings)).hasMessageContaining("INTAKE_DEDUP_RETENTION_AFTER_YEAR");
    }
}
