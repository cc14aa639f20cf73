package org.jingan.progress.registry;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serde for generated Avro classes, for Kafka Streams: {@code new SpecificAvroSerde<>(ProgressEvent.class)}, then configure. */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final SpecificAvroSerializer<T> serializer = new SpecificAvroSerializer<>();
    private final SpecificAvroDeserializer<T> deserializer;

    /** For Kafka's instantiation by class name (e.g. default.value.serde); the type comes from config or the writer schema. */
    public SpecificAvroSerde() {
        this.deserializer = new SpecificAvroDeserializer<>();
    }

    public SpecificAvroSerde(Class<T> type) {
        this.deserializer = new SpecificAvroDeserializer<>(type);
    }

    /**
     * A serde for records that are never changed once serialized: a record serialized again, for another topic (a
     * store's changelog after the output topic) or the same one, reuses its first encoding instead of encoding it
     * again. A changed record would be written as it was when first serialized.
     */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> encodingOnce(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.serializer.reuseEncodings();
        return serde;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
