package org.jingan.progress.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes records in the wire format, registering (or looking up) the record's schema under the topic's subject. */
abstract class RegistryAvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    /**
     * Ids by subject and schema instance. The registry clients key their caches by the schema's text, and
     * rendering that text for every record was most of a record's cost; generated classes share one
     * {@code SCHEMA$} instance, so an identity lookup here answers nearly every call.
     */
    private final Map<SubjectAndSchema, Integer> ids = new ConcurrentHashMap<>();
    private volatile LastId last;
    private SchemaRegistryClient registry;
    private boolean isKey;
    private boolean autoRegister;
    /** See {@link #reuseEncodings()}. */
    private boolean reuseEncodings;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        RegistryConfig config = RegistryConfig.from(configs);
        this.registry = SchemaRegistryClient.forConfig(config);
        this.isKey = isKey;
        this.autoRegister = config.autoRegisterSchemas();
    }

    /**
     * A record serialized again (for another topic, such as a store's changelog after the output topic, or the same
     * one) reuses the encoding of its first serialization, found by identity among the last few thousand records this
     * thread serialized. Only for records that are never changed once serialized: a changed one would be written as it
     * was.
     */
    void reuseEncodings() {
        this.reuseEncodings = true;
    }

    /** A writer for records of {@code schema}; {@code sample} is one such record. */
    protected abstract DatumWriter<T> newWriter(Schema schema, T sample);

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null; // tombstone
        }
        if (registry == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is not configured: call configure(Map.of(\""
                    + RegistryConfig.SCHEMA_REGISTRY_URL + "\", url), isKey) first");
        }
        Schema schema = data.getSchema();
        int id = schemaId(topic, schema);
        DatumWriter<T> writer = writers.get(schema);
        if (writer == null) {
            writer = writers.computeIfAbsent(schema, s -> newWriter(s, data));
        }
        Encodings encodings = reuseEncodings ? ENCODINGS.get() : null;
        if (encodings != null) {
            byte[] earlier = encodings.of(data);
            if (earlier != null) {
                byte[] bytes = earlier.clone();
                writeId(bytes, id); // the same encoding, under this topic's subject
                return bytes;
            }
        }
        Buffer buffer = BUFFER.get();
        buffer.reset();
        buffer.write(WireFormat.MAGIC_BYTE);
        buffer.write(id >>> 24);
        buffer.write(id >>> 16);
        buffer.write(id >>> 8);
        buffer.write(id);
        try {
            buffer.encoder = EncoderFactory.get().binaryEncoder(buffer, buffer.encoder);
            writer.write(data, buffer.encoder);
            buffer.encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not serialize a " + schema.getFullName() + " for topic '" + topic
                    + "': " + e.getMessage() + " (is a required field null or of the wrong type?)", e);
        }
        byte[] bytes = buffer.toByteArray();
        if (encodings != null) {
            encodings.put(data, bytes);
        }
        return bytes;
    }

    private static void writeId(byte[] bytes, int id) {
        bytes[1] = (byte) (id >>> 24);
        bytes[2] = (byte) (id >>> 16);
        bytes[3] = (byte) (id >>> 8);
        bytes[4] = (byte) id;
    }

    /**
     * The encodings of the records this thread serialized last, by identity: direct-mapped, so a record whose slot is
     * taken replaces the older one there. 8,192 slots hold a commit interval's snapshots of a city catalog with few
     * collisions, and keep at most that many records from being collected.
     */
    private static final ThreadLocal<Encodings> ENCODINGS = ThreadLocal.withInitial(Encodings::new);

    private static final class Encodings {
        private static final int SLOTS = 1 << 13;
        private final Object[] records = new Object[SLOTS];
        private final byte[][] encodings = new byte[SLOTS][];

        byte[] of(Object record) {
            int slot = slot(record);
            return records[slot] == record ? encodings[slot] : null;
        }

        void put(Object record, byte[] encoding) {
            int slot = slot(record);
            records[slot] = record;
            encodings[slot] = encoding;
        }

        private static int slot(Object record) {
            return System.identityHashCode(record) & (SLOTS - 1);
        }
    }

    /**
     * One output buffer and buffered encoder per thread, reused: a new stream and encoder per record, growing from a
     * small size, was a measurable share of a stream thread's time. Serializers are shared by threads, hence per
     * thread.
     */
    private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

    private static final class Buffer extends ByteArrayOutputStream {
        BinaryEncoder encoder;

        Buffer() {
            super(1024);
        }
    }

    private int schemaId(String topic, Schema schema) {
        LastId last = this.last;
        if (last != null && last.schema == schema && last.topic.equals(topic)) {
            return last.id; // a serializer mostly writes one record type to one topic: no subject string, no lookup
        }
        String subject = TopicNameStrategy.subject(topic, isKey);
        SubjectAndSchema key = new SubjectAndSchema(subject, schema);
        Integer id = ids.get(key);
        if (id == null) {
            id = lookUpOrRegister(subject, schema);
            ids.put(key, id);
        }
        this.last = new LastId(topic, schema, id);
        return id;
    }

    /** The id used last, for the common case of one topic and one schema (replaced whole, so safe to share). */
    private record LastId(String topic, Schema schema, int id) {
    }

    private int lookUpOrRegister(String subject, Schema schema) {
        if (autoRegister) {
            return registry.register(subject, schema);
        }
        return registry.idOf(subject, schema).orElseThrow(() -> new SchemaRegistryException("Schema "
                + schema.getFullName() + " is not registered under subject '" + subject + "' at " + registry.url()
                + " and this app does not register schemas (" + RegistryConfig.AUTO_REGISTER_SCHEMAS + "=false): the"
                + " deploy step registers them (ClusterInit, SchemaRegistration; run it for this release before the"
                + " apps), or turn auto-registration on for development (" + RegistryConfig.AUTO_REGISTER_SCHEMAS
                + "=true)", 404, -1, null, null));
    }

    /** A subject and a schema compared by identity: the cheapest possible cache key for the hot path. */
    private record SubjectAndSchema(String subject, Schema schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SubjectAndSchema other && other.schema == schema && other.subject.equals(subject);
        }

        @Override
        public int hashCode() {
            return 31 * subject.hashCode() + System.identityHashCode(schema);
        }
    }
}
