package org.jingan.progress.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Avro schema resolution through the wire format: the reader's schema decides what comes out. */
class GenericSchemaEvolutionTest {

    private static final String TOPIC = "readings";

    private final String scope = "evolution-test-" + UUID.randomUUID();
    private final Map<String, Object> config = Map.of(RegistryConfig.SCHEMA_REGISTRY_URL, "mem://" + scope);

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    private GenericAvroSerde serde(org.apache.avro.Schema readerSchema) {
        GenericAvroSerde serde = readerSchema == null ? new GenericAvroSerde() : new GenericAvroSerde(readerSchema);
        serde.configure(config, false);
        return serde;
    }

    @Test
    void shouldLetAnOldReaderReadRecordsWrittenWithANewerCompatibleSchema() {
        InMemorySchemaRegistryClient.forScope(scope).setCompatibility(TOPIC + "-value", Compatibility.BACKWARD);
        byte[] oldBytes = serde(null).serializer().serialize(TOPIC, TestSchemas.readingV1("a", 1.0));
        byte[] newBytes = serde(null).serializer().serialize(TOPIC, TestSchemas.readingV2("b", 2.0, "late"));

        GenericAvroSerde oldReader = serde(TestSchemas.READING_V1);
        GenericRecord fromNew = oldReader.deserializer().deserialize(TOPIC, newBytes);

        assertThat(writerId(newBytes)).isNotEqualTo(writerId(oldBytes));
        assertThat(fromNew.getSchema()).isEqualTo(TestSchemas.READING_V1);
        assertThat(fromNew.get("targetId")).hasToString("b");
        assertThat(fromNew.get("value")).isEqualTo(2.0);
        assertThat(oldReader.deserializer().deserialize(TOPIC, oldBytes).get("targetId")).hasToString("a");
    }

    @Test
    void shouldFillTheDefaultWhenANewReaderReadsOldRecords() {
        byte[] oldBytes = serde(null).serializer().serialize(TOPIC, TestSchemas.readingV1("a", 1.0));

        GenericRecord read = serde(TestSchemas.READING_V2).deserializer().deserialize(TOPIC, oldBytes);

        assertThat(read.getSchema()).isEqualTo(TestSchemas.READING_V2);
        assertThat(read.get("value")).isEqualTo(1.0);
        assertThat(read.get("note")).isNull();
    }

    @Test
    void shouldReadWithTheWriterSchemaWhenNoReaderSchemaIsGiven() {
        byte[] newBytes = serde(null).serializer().serialize(TOPIC, TestSchemas.readingV2("b", 2.0, "late"));

        GenericRecord read = serde(null).deserializer().deserialize(TOPIC, newBytes);

        assertThat(read.getSchema()).isEqualTo(TestSchemas.READING_V2);
        assertThat(read.get("note")).hasToString("late");
    }

    private static int writerId(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }
}
