package org.jingan.progress.registry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumWriter;

/** Serializer for {@link GenericRecord}s; each record's own schema is registered. */
public class GenericAvroSerializer extends RegistryAvroSerializer<GenericRecord> {

    @Override
    protected DatumWriter<GenericRecord> newWriter(Schema schema, GenericRecord sample) {
        return new GenericDatumWriter<>(schema, GenericData.get());
    }
}
