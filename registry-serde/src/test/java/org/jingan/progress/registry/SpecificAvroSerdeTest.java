package org.jingan.progress.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jingan.progress.avro.ProgressEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {

    private static final String TOPIC = "progress-events";

    private final String scope = "serde-test-" + UUID.randomUUID();
    private final String url = "mem://" + scope;
    private final Map<String, Object> config = Map.of(RegistryConfig.SCHEMA_REGISTRY_URL, url);

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    private SpecificAvroSerde<ProgressEvent> serde() {
        SpecificAvroSerde<ProgressEvent> serde = new SpecificAvroSerde<>(ProgressEvent.class);
        serde.configure(config, false);
        return serde;
    }

    @Test
    void shouldRoundTripAProgressEvent() {
        ProgressEvent event = TestSchemas.progressEvent("sports-venues-new", 1.0);
        SpecificAvroSerde<ProgressEvent> serde = serde();

        ProgressEvent read = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, event));

        assertThat(read).isEqualTo(event);
        assertThat(read.getEventTime()).isEqualTo(event.getEventTime());
    }

    @Test
    void shouldWriteMagicByteThenTheRegisteredIdThenAvro() {
        byte[] bytes = serde().serializer().serialize(TOPIC, TestSchemas.progressEvent("t1", 2.0));

        RegisteredSchema registered = InMemorySchemaRegistryClient.forScope(scope).latest(TOPIC + "-value");
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registered.id());
        assertThat(registered.schema()).isEqualTo(ProgressEvent.getClassSchema());
        assertThat(bytes.length).isGreaterThan(5);
    }

    @Test
    void shouldReuseTheFirstEncodingWhenAnUnchangingRecordIsSerializedAgainForAnotherTopic() {
        SpecificAvroSerde<ProgressEvent> serde = SpecificAvroSerde.encodingOnce(ProgressEvent.class);
        serde.configure(config, false);
        ProgressEvent event = TestSchemas.progressEvent("t1", 2.0);
        byte[] forTopic = serde.serializer().serialize(TOPIC, event);

        event.setValue(99.0); // against the contract, to show which encoding is written
        byte[] forChangelog = serde.serializer().serialize("app-store-changelog", event);

        assertThat(serde.deserializer().deserialize("app-store-changelog", forChangelog).getValue())
                .as("the first encoding, reused").isEqualTo(2.0);
        RegisteredSchema registered = InMemorySchemaRegistryClient.forScope(scope).latest("app-store-changelog-value");
        assertThat(ByteBuffer.wrap(forChangelog, 1, 4).getInt()).as("the id under the changelog's own subject")
                .isEqualTo(registered.id());
        assertThat(Arrays.copyOfRange(forChangelog, 5, forChangelog.length))
                .isEqualTo(Arrays.copyOfRange(forTopic, 5, forTopic.length));
    }

    @Test
    void shouldEncodeEveryRecordItselfWithEncodingOnce() {
        SpecificAvroSerde<ProgressEvent> serde = SpecificAvroSerde.encodingOnce(ProgressEvent.class);
        serde.configure(config, false);

        for (int i = 0; i < 20_000; i++) {
            ProgressEvent event = TestSchemas.progressEvent("t" + i, i);
            byte[] bytes = serde.serializer().serialize(TOPIC, event);
            assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(event);
        }
    }

    @Test
    void shouldEncodeARecordAgainWhenItsSerdeIsNotEncodingOnce() {
        SpecificAvroSerde<ProgressEvent> serde = serde();
        ProgressEvent event = TestSchemas.progressEvent("t1", 2.0);
        serde.serializer().serialize(TOPIC, event);

        event.setValue(99.0);
        byte[] again = serde.serializer().serialize("app-store-changelog", event);

        assertThat(serde.deserializer().deserialize("app-store-changelog", again).getValue()).isEqualTo(99.0);
    }

    @Test
    void shouldRegisterKeysUnderTheKeySubject() {
        SpecificAvroSerializer<ProgressEvent> keySerializer = new SpecificAvroSerializer<>();
        keySerializer.configure(config, true);

        keySerializer.serialize("some-topic", TestSchemas.progressEvent("t1", 1.0));

        assertThat(InMemorySchemaRegistryClient.forScope(scope).latest("some-topic-key").version()).isEqualTo(1);
    }

    @Test
    void shouldRegisterUnderEachTopicsSubjectWhenOneSerializerWritesToSeveralTopics() {
        var serializer = serde().serializer();
        ProgressEvent event = TestSchemas.progressEvent("t1", 1.0);

        serializer.serialize("topic-a", event);
        serializer.serialize("topic-b", event);
        serializer.serialize("topic-a", event);

        InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope(scope);
        assertThat(registry.latest("topic-a-value").version()).isEqualTo(1);
        assertThat(registry.latest("topic-b-value").version()).isEqualTo(1);
    }

    @Test
    void shouldReuseItsBufferWithoutMixingRecordsOfDifferentSizes() {
        var serde = serde();
        byte[] longer = serde.serializer().serialize(TOPIC, TestSchemas.progressEvent("a-rather-long-target-id", 1.0));
        byte[] shorter = serde.serializer().serialize(TOPIC, TestSchemas.progressEvent("t", 2.0));

        assertThat(shorter.length).isLessThan(longer.length);
        assertThat(serde.deserializer().deserialize(TOPIC, longer).getTargetId()).isEqualTo("a-rather-long-target-id");
        assertThat(serde.deserializer().deserialize(TOPIC, shorter).getTargetId()).isEqualTo("t");
    }

    @Test
    void shouldPassTombstonesThroughAsNull() {
        SpecificAvroSerde<ProgressEvent> serde = serde();

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldDeserializeIntoTheClassNamedInConfigWhenInstantiatedByName() throws Exception {
        byte[] bytes = serde().serializer().serialize(TOPIC, TestSchemas.progressEvent("t1", 3.0));
        @SuppressWarnings("unchecked")
        Deserializer<Object> byName = (Deserializer<Object>) Class
                .forName("org.jingan.progress.registry.SpecificAvroDeserializer").getDeclaredConstructor().newInstance();
        byName.configure(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL, url,
                RegistryConfig.SPECIFIC_AVRO_VALUE_TYPE, ProgressEvent.class.getName()), false);

        assertThat(byName.deserialize(TOPIC, bytes)).isInstanceOf(ProgressEvent.class)
                .extracting(e -> ((ProgressEvent) e).getValue()).isEqualTo(3.0);
    }

    @Test
    void shouldRefuseBytesWithoutTheMagicByte() {
        byte[] notRegistryBytes = "{\"targetId\":\"t1\"}".getBytes();

        assertThatThrownBy(() -> serde().deserializer().deserialize(TOPIC, notRegistryBytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not produced by a schema-registry serializer")
                .hasMessageContaining(TOPIC);
    }

    @Test
    void shouldNameTheIdAndRegistryForAnUnknownSchemaId() {
        byte[] unknownId = {0, 0, 0, 0x10, 0x2A, 2, 0x41};

        assertThatThrownBy(() -> serde().deserializer().deserialize(TOPIC, unknownId))
                .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.schemaId()).isEqualTo(4138);
                })
                .hasMessageContaining("Schema id 4138")
                .hasMessageContaining(url);
    }

    @Test
    void shouldRefuseATruncatedPayload() {
        SpecificAvroSerde<ProgressEvent> serde = serde();
        byte[] whole = serde.serializer().serialize(TOPIC, TestSchemas.progressEvent("t1", 1.0));

        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(whole, 3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("fewer than the 5-byte header");
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(whole, whole.length / 2)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void shouldRefuseAnUnregisteredSchemaWhenAutoRegisterIsOff() {
        SpecificAvroSerializer<ProgressEvent> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL, url,
                RegistryConfig.AUTO_REGISTER_SCHEMAS, "false"), false);
        ProgressEvent event = TestSchemas.progressEvent("t1", 1.0);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, event))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("not registered under subject '" + TOPIC + "-value'")
                .hasMessageContaining("auto.register.schemas");

        int id = InMemorySchemaRegistryClient.forScope(scope).register(TOPIC + "-value", ProgressEvent.getClassSchema());
        assertThat(ByteBuffer.wrap(serializer.serialize(TOPIC, event), 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void shouldSayWhichConfigToSetWhenTheUrlIsMissing() {
        SpecificAvroSerde<ProgressEvent> serde = new SpecificAvroSerde<>(ProgressEvent.class);

        assertThatThrownBy(() -> serde.configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing config 'schema.registry.url'");
    }

    @Test
    void shouldRefuseUseBeforeConfigure() {
        SpecificAvroSerde<ProgressEvent> serde = new SpecificAvroSerde<>(ProgressEvent.class);
        ProgressEvent event = TestSchemas.progressEvent("t1", 1.0);

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, event))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not configured");
    }
}
