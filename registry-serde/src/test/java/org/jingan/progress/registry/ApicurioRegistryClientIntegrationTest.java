package org.jingan.progress.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.avro.generic.GenericRecord;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;

/** The HTTP client and serializer against the real registry (Apicurio's Confluent API). */
class ApicurioRegistryClientIntegrationTest {

    private final TestCluster cluster = TestCluster.get();
    private final SchemaRegistryClient registry = new HttpSchemaRegistryClient(cluster.schemaRegistryUrl(), cluster.schemaRegistryUserInfo());

    @Test
    void shouldRegisterFetchAndLookUpSchemas() {
        String subject = cluster.uniqueName("client") + "-value";

        int v1 = registry.register(subject, TestSchemas.READING_V1);
        int v2 = registry.register(subject, TestSchemas.READING_V2);

        // a fresh client has no cache: these answers come from the registry
        SchemaRegistryClient fresh = new HttpSchemaRegistryClient(cluster.schemaRegistryUrl(), cluster.schemaRegistryUserInfo());
        assertThat(fresh.schemaById(v1)).isEqualTo(TestSchemas.READING_V1);
        assertThat(fresh.latest(subject)).isEqualTo(new RegisteredSchema(subject, 2, v2, TestSchemas.READING_V2));
        assertThat(fresh.idOf(subject, TestSchemas.READING_V1)).hasValue(v1);
        assertThat(fresh.idOf(subject, TestSchemas.READING_REQUIRED_UNIT)).isEmpty();
        assertThat(fresh.register(subject, TestSchemas.READING_V1)).isEqualTo(v1);
    }

    @Test
    void shouldFindItsSchemasIdWithAReadOnlyLoginAndBeRefusedARegistration() {
        org.junit.jupiter.api.Assumptions.assumeTrue(cluster.schemaRegistryReaderUserInfo() != null,
                "this registry has no read-only accounts");
        String topic = cluster.uniqueName("read-only");
        String subject = topic + "-value";
        int id = registry.register(subject, TestSchemas.READING_V1); // the deploy step, as the deployer
        GenericAvroSerializer app = new GenericAvroSerializer();
        app.configure(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL, cluster.schemaRegistryUrl(),
                RegistryConfig.BASIC_AUTH_USER_INFO, cluster.schemaRegistryReaderUserInfo(),
                RegistryConfig.AUTO_REGISTER_SCHEMAS, false), false);

        byte[] bytes = app.serialize(topic, TestSchemas.readingV1("a", 1.0)); // GETs only: the registry refuses apps any POST

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        SchemaRegistryClient asAppClient = new HttpSchemaRegistryClient(cluster.schemaRegistryUrl(),
                cluster.schemaRegistryReaderUserInfo());
        assertThatThrownBy(() -> asAppClient.register(subject, TestSchemas.READING_V2))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> asAppClient.setCompatibility(subject, Compatibility.NONE))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(registry.latest(subject).version()).isEqualTo(1);
    }

    @Test
    void shouldGiveTheSameSchemaTheSameIdUnderAnotherSubject() {
        String schemaText = TestSchemas.READING_V1.toString();
        int first = registry.register(cluster.uniqueName("shared-a") + "-value", TestSchemas.READING_V1);

        int second = new HttpSchemaRegistryClient(cluster.schemaRegistryUrl(), cluster.schemaRegistryUserInfo())
                .register(cluster.uniqueName("shared-b") + "-value", new org.apache.avro.Schema.Parser().parse(schemaText));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldRefuseAnIncompatibleChangeOnABackwardSubjectWithTheRegistrysMessage() {
        String topic = cluster.uniqueName("backward");
        String subject = topic + "-value";
        registry.setCompatibility(subject, Compatibility.BACKWARD); // before the first version, as a deployment would
        GenericAvroSerializer serializer = new GenericAvroSerializer();
        serializer.configure(cluster.registryConfig(), false);
        serializer.serialize(topic, TestSchemas.readingV1("a", 1.0));
        GenericRecord withRequiredUnit = new org.apache.avro.generic.GenericData.Record(TestSchemas.READING_REQUIRED_UNIT);
        withRequiredUnit.put("targetId", "a");
        withRequiredUnit.put("value", 1.0);
        withRequiredUnit.put("unit", "个");

        assertThat(registry.isCompatible(subject, TestSchemas.READING_REQUIRED_UNIT)).isFalse();
        assertThatThrownBy(() -> serializer.serialize(topic, withRequiredUnit))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.registryMessage()).isNotBlank();
                    assertThat(e.getMessage()).contains(e.registryMessage());
                })
                .hasMessageContaining("subject '" + subject + "'")
                .hasMessageContaining("incompatible")
                .hasMessageContaining(cluster.schemaRegistryUrl());
        // the rule refuses only what breaks old readers: an optional field with a default is accepted
        assertThat(registry.isCompatible(subject, TestSchemas.READING_V2)).isTrue();
        serializer.serialize(topic, TestSchemas.readingV2("b", 2.0, "ok"));
        assertThat(registry.latest(subject).version()).isEqualTo(2);
    }

    @Test
    void shouldFindASchemaRegisteredByAnotherToolWhenAutoRegisterIsOff() throws Exception {
        String topic = cluster.uniqueName("preregistered");
        String prettyPrinted = TestSchemas.READING_V1.toString(true);
        HttpResponse<String> registered = HttpClient.newHttpClient().send(cluster.registryRequest(
                        "/subjects/" + topic + "-value/versions")
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        new ObjectMapper().writeValueAsString(Map.of("schema", prettyPrinted))))
                .build(), HttpResponse.BodyHandlers.ofString());
        int id = new ObjectMapper().readTree(registered.body()).get("id").asInt();
        GenericAvroSerializer serializer = new GenericAvroSerializer();
        serializer.configure(cluster.registryConfig(Map.of(RegistryConfig.AUTO_REGISTER_SCHEMAS, false)), false);

        byte[] bytes = serializer.serialize(topic, TestSchemas.readingV1("a", 1.0));

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(registry.latest(topic + "-value").version()).isEqualTo(1);
    }

    @Test
    void shouldNameTheIdAndTheRegistryForAnUnknownId() {
        int unknownId = 2_000_000_000;

        assertThatThrownBy(() -> registry.schemaById(unknownId))
                .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.schemaId()).isEqualTo(unknownId);
                })
                .hasMessageContaining("Schema id " + unknownId)
                .hasMessageContaining(cluster.schemaRegistryUrl());
    }

    @Test
    void shouldSayWhenASubjectDoesNotExist() {
        String subject = cluster.uniqueName("missing") + "-value";

        assertThatThrownBy(() -> registry.latest(subject))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401))
                .hasMessageContaining(subject);
        assertThat(registry.isCompatible(subject, TestSchemas.READING_V1)).isTrue();
    }
}
