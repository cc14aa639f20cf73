package org.jingan.progress.registry;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Deserializer into a generated Avro class, reading with that class's schema. The class is given to the constructor,
 * or by config ({@value RegistryConfig#SPECIFIC_AVRO_VALUE_TYPE} / {@value RegistryConfig#SPECIFIC_AVRO_KEY_TYPE}),
 * or else is the generated class named like the writer schema.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> extends RegistryAvroDeserializer<T> {

    private Class<T> type;

    /** For Kafka's instantiation by class name; the type comes from config or the writer schema. */
    public SpecificAvroDeserializer() {
    }

    public SpecificAvroDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void onConfigure(RegistryConfig config, boolean isKey) {
        if (type == null) {
            type = (Class<T>) config.specificType(isKey).orElse(null);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected DatumReader<T> newReader(Schema writerSchema, int writerId, String topic) {
        Class<?> readInto = type != null ? type : SpecificData.get().getClass(writerSchema);
        if (readInto == null || !SpecificRecord.class.isAssignableFrom(readInto)) {
            throw new SerializationException("No generated Avro class for writer schema " + writerSchema.getFullName()
                    + " (id " + writerId + ") on topic '" + topic + "': set "
                    + (isKey() ? RegistryConfig.SPECIFIC_AVRO_KEY_TYPE : RegistryConfig.SPECIFIC_AVRO_VALUE_TYPE)
                    + " to the class to read into");
        }
        SpecificData model = SpecificModels.of(readInto);
        return new SpecificDatumReader<>(writerSchema, model.getSchema(readInto), model);
    }
}
