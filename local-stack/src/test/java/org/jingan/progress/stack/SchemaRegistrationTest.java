package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.avro.Target;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.Compatibility;
import org.jingan.progress.registry.RegistryConfig;
import org.jingan.progress.registry.SchemaRegistryClient;
import org.jingan.progress.registry.SchemaRegistryException;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.jingan.progress.streams.avro.TargetState;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;

/** The deploy-time schema registration on the real registry, and the apps' serializers without auto-registration. */
class SchemaRegistrationTest {
    private static final Instant MARCH_FIFTH = Instant.parse("2020-03-05T00:00:00+08:00");

    private final TestCluster cluster = TestCluster.get();
    private final Map<String, Object> client = cluster.clientConfig();
    private final SchemaRegistryClient registry = SchemaRegistryClient.forConfig(RegistryConfig.from(client));

    @Test
    void shouldRegisterEverySubjectWithBackwardCompatibilityOnceOnly() {
        String applicationId = cluster.uniqueName("streams");
        SchemaRegistration registration = SchemaRegistration.forPipeline(applicationId);
        assertThat(registration.subjects().keySet()).contains("targets-value", "progress-events-value",
                "target-progress-value", "progress-alerts-value", "progress-dead-letters-value", "district-clock-value",
                "plan-submissions-value", applicationId + "-target-definitions-changelog-value", applicationId + "-target-state-changelog-value",
                applicationId + "-target-standing-changelog-value", applicationId + "-seen-events-changelog-value",
                applicationId + "-target-history-changelog-value", applicationId + "-progress-rollups-changelog-value",
                applicationId + "-firing-alerts-changelog-value", applicationId + "-held-reports-changelog-value",
                applicationId + "-targets-rerouted-repartition-value",
                applicationId + "-progress-events-rerouted-repartition-value",
                "supervision-cases-value", applicationId + "-supervision-cases-changelog-value",
                applicationId + "-supervision-watch-changelog-value")
                .hasSize(20);

        List<String> added = registration.registerAll(client);

        assertThat(added).as("this application id's changelog subjects were new").contains(
                applicationId + "-target-state-changelog-value", applicationId + "-held-reports-changelog-value");
        registration.subjects().forEach((subject, schema) -> {
            assertThat(registry.latest(subject).schema()).as(subject).isEqualTo(schema);
            assertThat(compatibilityOf(subject)).as(subject).isEqualTo("BACKWARD");
        });
        assertThat(registration.registerAll(client)).as("a second run registers nothing").isEmpty();
    }

    /**
     * The catalog's audit fields (Target.revisedBy/revisedAt, ScopeChange's in the streams app's state) were appended
     * with defaults: on a registry that holds the schemas without them, the deploy step registers them as a second,
     * BACKWARD-compatible version, and a record written before reads with the new schema (nobody, never).
     */
    @Test
    void shouldRegisterTheAuditedTargetSchemasAsCompatibleNewVersionsOverTheOldOnes() throws Exception {
        String applicationId = cluster.uniqueName("streams");
        String definitions = applicationId + "-target-definitions-changelog-value";
        String state = applicationId + "-target-state-changelog-value";
        Schema oldTarget = withoutFields(Target.getClassSchema(), "Target", "revisedBy", "revisedAt");
        Schema oldState = withoutFields(TargetState.getClassSchema(), "ScopeChange", "revisedBy", "revisedAt");
        assertThat(oldTarget.getFields()).hasSize(Target.getClassSchema().getFields().size() - 2);
        registry.setCompatibility(definitions, Compatibility.BACKWARD);
        registry.setCompatibility(state, Compatibility.BACKWARD);
        registry.register(definitions, oldTarget);
        registry.register(state, oldState);
        assertThat(registry.isCompatible(Topics.TARGETS.name() + "-value", Target.getClassSchema()))
                .as("the shared targets subject accepts it too").isTrue();

        List<String> added = SchemaRegistration.forPipeline(applicationId).registerAll(client);

        assertThat(added).contains(definitions, state);
        assertThat(registry.latest(definitions)).satisfies(latest -> {
            assertThat(latest.version()).isEqualTo(2);
            assertThat(latest.schema()).isEqualTo(Target.getClassSchema());
        });
        assertThat(registry.latest(state).version()).isEqualTo(2);
        Target before = readWithTheNewSchema(oldTarget, org.jingan.progress.catalog.Catalog.loadDefault().targets().get(0));
        assertThat(before.getRevisedBy()).isNull();
        assertThat(before.getRevisedAt()).isNull();
    }

    /** {@code target} written with the old schema (without the audit), read back as today's Target. */
    private static Target readWithTheNewSchema(Schema old, Target target) throws java.io.IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(bytes, null);
        var oldRecord = new org.apache.avro.generic.GenericData.Record(old);
        old.getFields().forEach(f -> oldRecord.put(f.name(), target.get(f.name())));
        new org.apache.avro.specific.SpecificDatumWriter<org.apache.avro.generic.GenericRecord>(old).write(oldRecord, encoder);
        encoder.flush();
        var decoder = org.apache.avro.io.DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null);
        return new org.apache.avro.specific.SpecificDatumReader<Target>(old, Target.getClassSchema()).read(null, decoder);
    }

    /** {@code schema} without the named fields of its record (or nested record) {@code recordName}. */
    private static Schema withoutFields(Schema schema, String recordName, String... fields) throws Exception {
        ObjectMapper json = new ObjectMapper();
        var tree = json.readTree(schema.toString());
        dropFields(tree, recordName, List.of(fields));
        return new Schema.Parser().parse(json.writeValueAsString(tree));
    }

    private static void dropFields(com.fasterxml.jackson.databind.JsonNode node, String recordName, List<String> drop) {
        if (node.isObject() && recordName.equals(node.path("name").asText()) && node.path("fields").isArray()) {
            var fields = (com.fasterxml.jackson.databind.node.ArrayNode) node.path("fields");
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (drop.contains(fields.get(i).path("name").asText())) {
                    fields.remove(i);
                }
            }
        }
        node.forEach(child -> dropFields(child, recordName, drop));
    }

    @Test
    void shouldWriteWithoutAutoRegistrationWhenTheDeployStepRegisteredTheSchema() {
        SchemaRegistration.forPipeline(SchemaRegistration.DEFAULT_APPLICATION_ID).registerAll(client);
        Map<String, Object> strict = new HashMap<>(client);
        strict.put(RegistryConfig.AUTO_REGISTER_SCHEMAS, false);
        SpecificAvroSerializer<ClockTick> serializer = new SpecificAvroSerializer<>();
        serializer.configure(strict, false);
        SpecificAvroDeserializer<ClockTick> deserializer = new SpecificAvroDeserializer<>(ClockTick.class);
        deserializer.configure(strict, false);

        ClockTick tick = new ClockTick(MARCH_FIFTH, "schema-registration-test");
        byte[] bytes = serializer.serialize(Topics.CLOCK.name(), tick);

        assertThat(deserializer.deserialize(Topics.CLOCK.name(), bytes)).isEqualTo(tick);
    }

    @Test
    void shouldRefuseToWriteANotRegisteredSchemaNamingTheSubjectAndTheDeployStep() {
        String topic = cluster.createTopicLike(cluster.uniqueName("clock"), Topics.CLOCK).name();
        Map<String, Object> strict = new HashMap<>(client);
        strict.put(RegistryConfig.AUTO_REGISTER_SCHEMAS, false);

        try (ClockSetter setter = new ClockSetter(topic, client, strict, "schema-registration-test")) {
            assertThatThrownBy(() -> setter.set(MARCH_FIFTH))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("not registered under subject '" + topic + "-value'")
                    .hasMessageContaining("auto.register.schemas=false")
                    .hasMessageContaining("the deploy step registers them (ClusterInit, SchemaRegistration");
        }
        assertThatThrownBy(() -> registry.latest(topic + "-value")).as("nothing registered by the app")
                .isInstanceOf(SchemaRegistryException.class);

        registry.register(topic + "-value", ClockTick.getClassSchema()); // as the deploy step does
        try (ClockSetter setter = new ClockSetter(topic, client, strict, "schema-registration-test")) {
            setter.set(MARCH_FIFTH);
        }
        assertThat(ClockTopic.ticks(topic, client, java.time.Duration.ofSeconds(30)))
                .extracting(ClockTick::getNow).containsExactly(MARCH_FIFTH);
    }

    private String compatibilityOf(String subject) {
        try {
            return compatibilityAt(subject);
        } catch (Exception e) {
            throw new AssertionError("GET /config/" + subject + " failed", e);
        }
    }

    private String compatibilityAt(String subject) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(cluster.registryRequest(
                "/config/" + URLEncoder.encode(subject, StandardCharsets.UTF_8)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET /config/" + subject + ": " + answer.body()).isEqualTo(200);
        var json = new ObjectMapper().readTree(answer.body());
        return json.has("compatibilityLevel") ? json.get("compatibilityLevel").asText()
                : json.path("compatibility").asText();
    }
}
