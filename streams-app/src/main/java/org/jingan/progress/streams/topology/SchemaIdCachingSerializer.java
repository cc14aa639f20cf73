package org.jingan.progress.streams.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Puts a registry serializer's answer for (topic, schema) aside: the first record of a topic goes through the
 * registry serializer (which registers or looks up the schema), later ones reuse its 5-byte wire-format header
 * (magic byte, schema id) and write the Avro body directly.
 *
 * <p>Why: the registry serializer renders the schema as JSON to find its id on every record, which was most of the
 * topology's cost per event (profiled). Drop this wrapper once registry-serde caches ids per schema.
 */
final class SchemaIdCachingSerializer<T extends SpecificRecord> implements Serializer<T> {
    private static final int HEADER_SIZE = 5;

    private final Serializer<T> registrySerializer;
    private final Map<String, Cached<T>> byTopic = new ConcurrentHashMap<>();

    private record Cached<T>(Schema schema, byte[] header, SpecificDatumWriter<T> writer) {
    }

    SchemaIdCachingSerializer(Serializer<T> registrySerializer) {
        this.registrySerializer = registrySerializer;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        registrySerializer.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        Schema schema = data.getSchema();
        Cached<T> cached = byTopic.get(topic);
        if (cached == null || cached.schema() != schema) {
            byte[] bytes = registrySerializer.serialize(topic, data);
            byTopic.put(topic, new Cached<>(schema, Arrays.copyOf(bytes, HEADER_SIZE),
                    new SpecificDatumWriter<>(schema, SpecificData.getForClass(data.getClass()))));
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(cached.header(), 0, HEADER_SIZE);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            cached.writer().write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not serialize a " + schema.getFullName() + " for topic '" + topic
                    + "': " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        registrySerializer.close();
    }
}
