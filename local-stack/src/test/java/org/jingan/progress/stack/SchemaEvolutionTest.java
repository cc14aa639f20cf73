package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.registry.Compatibility;
import org.jingan.progress.registry.InMemorySchemaRegistryClient;
import org.junit.jupiter.api.Test;

/**
 * NO_REPORT_YET went at the end of TargetStatus and AlertKind, which got a default: the deploy step registers the new
 * schemas over the previous ones (BACKWARD), and what that means for readers built before and after.
 */
class SchemaEvolutionTest {
    private static final Schema ALERT_BEFORE = previous("Alert");
    private static final Schema SNAPSHOT_BEFORE = previous("ProgressSnapshot");

    @Test
    void shouldRegisterTheNoReportYetSymbolsOverThePreviousSchemas() {
        String scope = "schema-evolution-" + UUID.randomUUID();
        InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope(scope);
        try {
            SchemaRegistration registration = SchemaRegistration.forPipeline("app");
            Map<String, Schema> before = Map.of(Alert.getClassSchema().getFullName(), ALERT_BEFORE,
                    ProgressSnapshot.getClassSchema().getFullName(), SNAPSHOT_BEFORE);
            registration.subjects().forEach((subject, schema) -> {
                Schema old = before.get(schema.getFullName());
                if (old != null) {
                    registry.setCompatibility(subject, Compatibility.BACKWARD);
                    registry.register(subject, old);
                }
            });

            List<String> added = registration.registerAll(Map.of("schema.registry.url", registry.url()));

            assertThat(added).contains("progress-alerts-value", "target-progress-value",
                    "app-firing-alerts-changelog-value", "app-target-standing-changelog-value");
        } finally {
            InMemorySchemaRegistryClient.dropScope(scope);
        }
    }

    @Test
    void shouldNeedReadersUpgradedFirstAndReadAnyLaterSymbolAsTheDefault() {
        assertThat(compatibility(Alert.getClassSchema(), ALERT_BEFORE)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(compatibility(ALERT_BEFORE, Alert.getClassSchema()))
                .as("a monitor built before cannot read NO_REPORT_YET: deploy the readers first")
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(compatibility(SNAPSHOT_BEFORE, ProgressSnapshot.getClassSchema()))
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);

        Schema later = new Schema.Parser().parse(Alert.getClassSchema().toString()
                .replace("\"NO_REPORT_YET\"]", "\"NO_REPORT_YET\",\"SOME_LATER_SYMBOL\"]"));
        assertThat(later.getField("kind").schema().getEnumSymbols()).contains("SOME_LATER_SYMBOL");
        assertThat(compatibility(Alert.getClassSchema(), later))
                .as("from now on a reader takes a symbol it does not know as the default, AT_RISK")
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }

    /** The schema as registered before NO_REPORT_YET (what the app's generated class said, unchanged since). */
    private static Schema previous(String name) {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(
                "/schemas-before-no-report-yet/" + name + ".avsc")) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
