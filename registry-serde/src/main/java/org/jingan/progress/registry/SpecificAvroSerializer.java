package org.jingan.progress.registry;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Serializer for generated Avro classes; usable by class name in producer configs. */
public class SpecificAvroSerializer<T extends SpecificRecord> extends RegistryAvroSerializer<T> {

    @Override
    protected DatumWriter<T> newWriter(Schema schema, T sample) {
        return new SpecificDatumWriter<>(schema, SpecificModels.of(sample.getClass()));
    }
}
