package org.jingan.progress.registry;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the wire format: fetches the writer schema by id and lets Avro resolve it to the reader's schema, so a reader
 * with an older (or newer) compatible schema reads what was written.
 */
abstract class RegistryAvroDeserializer<T> implements Deserializer<T> {

    private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private boolean isKey;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        RegistryConfig config = RegistryConfig.from(configs);
        this.registry = SchemaRegistryClient.forConfig(config);
        this.isKey = isKey;
        onConfigure(config, isKey);
    }

    /** Hook for subclasses to read their own settings. */
    protected void onConfigure(RegistryConfig config, boolean isKey) {
    }

    /** A reader from {@code writerSchema} (schema id {@code writerId}) to the reader's schema. */
    protected abstract DatumReader<T> newReader(Schema writerSchema, int writerId, String topic);

    protected boolean isKey() {
        return isKey;
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null; // tombstone
        }
        if (registry == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is not configured: call configure(Map.of(\""
                    + RegistryConfig.SCHEMA_REGISTRY_URL + "\", url), isKey) first");
        }
        String what = (isKey ? "Key" : "Value") + " of a record on topic '" + topic + "'";
        if (bytes.length < WireFormat.HEADER_SIZE) {
            throw new SerializationException(what + " has " + bytes.length + " bytes, fewer than the 5-byte header"
                    + " (magic byte 0 + schema id): it is truncated or was not produced by a schema-registry serializer");
        }
        if (bytes[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException(what + " starts with byte " + bytes[0] + " instead of magic byte 0:"
                    + " it was not produced by a schema-registry serializer (Confluent wire format)");
        }
        int writerId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        DatumReader<T> reader = readerFor(writerId, topic);
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_SIZE,
                    bytes.length - WireFormat.HEADER_SIZE, null));
        } catch (Exception e) {
            throw new SerializationException(what + " could not be decoded with writer schema id " + writerId
                    + " from " + registry.url() + " (" + (bytes.length - WireFormat.HEADER_SIZE)
                    + " bytes of Avro data): the payload is truncated or corrupt, or the schemas do not resolve: " + e, e);
        }
    }

    private DatumReader<T> readerFor(int writerId, String topic) {
        DatumReader<T> reader = readersByWriterId.get(writerId);
        if (reader == null) {
            // fetched outside computeIfAbsent: a registry call must not hold the map's lock
            reader = newReader(registry.schemaById(writerId), writerId, topic);
            readersByWriterId.putIfAbsent(writerId, reader);
        }
        return reader;
    }
}
