package org.jingan.progress.registry;

import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serde for {@link GenericRecord}s. */
public class GenericAvroSerde implements Serde<GenericRecord> {

    private final GenericAvroSerializer serializer = new GenericAvroSerializer();
    private final GenericAvroDeserializer deserializer;

    public GenericAvroSerde() {
        this.deserializer = new GenericAvroDeserializer();
    }

    /** Deserialized records are resolved to {@code readerSchema}. */
    public GenericAvroSerde(Schema readerSchema) {
        this.deserializer = new GenericAvroDeserializer(readerSchema);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return deserializer;
    }
}
