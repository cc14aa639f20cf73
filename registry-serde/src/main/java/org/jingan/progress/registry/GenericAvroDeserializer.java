package org.jingan.progress.registry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;

/** Deserializer into {@link GenericRecord}s: with the writer's schema, or resolved to a given reader schema. */
public class GenericAvroDeserializer extends RegistryAvroDeserializer<GenericRecord> {

    private final Schema readerSchema;

    /** Records come out with the schema they were written with. */
    public GenericAvroDeserializer() {
        this(null);
    }

    /** Records come out with {@code readerSchema}, resolved from the writer's by Avro's rules. */
    public GenericAvroDeserializer(Schema readerSchema) {
        this.readerSchema = readerSchema;
    }

    @Override
    protected DatumReader<GenericRecord> newReader(Schema writerSchema, int writerId, String topic) {
        return new GenericDatumReader<>(writerSchema, readerSchema != null ? readerSchema : writerSchema, GenericData.get());
    }
}
