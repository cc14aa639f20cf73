package org.jingan.progress.streams.query;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How store values travel between instances: an Avro record as its Avro single-object encoding (the schema's
 * fingerprint, then the binary record; base64 in the page's JSON) with its type's name, so the asker gets the same
 * typed record it would have read from its own copy; a plain value (String, number) as itself.
 *
 * <p>A record whose schema differs from this instance's (a peer on another version during a rolling upgrade) is not
 * guessed at by field name: it is refused as {@code peer-incompatible}, and the read goes to another copy.
 */
final class PeerValues {
    static final String TYPE = "type";
    static final String AVRO = "avro";
    static final String VALUE = "value";

    private final Map<Schema, BinaryMessageEncoder<IndexedRecord>> encoders = new ConcurrentHashMap<>();
    private final Map<String, BinaryMessageDecoder<Object>> decoders = new ConcurrentHashMap<>();

    /** The wire form of one entry of a store page: its key and its value. */
    Map<String, Object> entry(String key, Object value) {
        Map<String, Object> entry = new LinkedHashMap<>(4);
        entry.put("key", key);
        put(entry, value);
        return entry;
    }

    /** The wire form of a value alone (a key read); null stays null. */
    Map<String, Object> value(Object value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> wire = new LinkedHashMap<>(3);
        put(wire, value);
        return wire;
    }

    private void put(Map<String, Object> wire, Object value) {
        if (value instanceof IndexedRecord record) {
            Schema schema = record.getSchema();
            ByteBuffer bytes;
            try {
                bytes = encoders.computeIfAbsent(schema, s -> new BinaryMessageEncoder<>(SpecificData.get(), s))
                        .encode(record);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot encode a " + schema.getFullName(), e);
            }
            wire.put(TYPE, schema.getFullName());
            byte[] raw = new byte[bytes.remaining()];
            bytes.duplicate().get(raw);
            wire.put(AVRO, Base64.getEncoder().encodeToString(raw));
        } else {
            wire.put(VALUE, value);
        }
    }

    /** The typed value of a wire entry or value ({@link #entry}, {@link #value}); null for a missing value. */
    Object read(JsonNode wire, String peer) {
        if (wire == null || wire.isNull() || wire.isMissingNode()) {
            return null;
        }
        if (wire.hasNonNull(AVRO)) {
            return record(wire.path(TYPE).asText(), wire.get(AVRO).asText(), peer);
        }
        JsonNode value = wire.path(VALUE);
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        throw new UnavailableException("peer-incompatible", "Instance " + peer + " sent a store value that is neither"
                + " an Avro record nor a plain value: " + value.getNodeType());
    }

    private Object record(String type, String base64, String peer) {
        BinaryMessageDecoder<Object> decoder = decoders.computeIfAbsent(type, PeerValues::decoder);
        if (decoder == null) {
            throw new UnavailableException("peer-incompatible", "Instance " + peer + " sent a " + type
                    + ", a record this instance does not know (another version?)");
        }
        try {
            return decoder.decode(Base64.getDecoder().decode(base64));
        } catch (MissingSchemaException | BadHeaderException e) {
            throw new UnavailableException("peer-incompatible", "Instance " + peer + " sent a " + type
                    + " of another schema than this instance's (another version?): " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new UnavailableException("peer-incompatible", "Instance " + peer + " sent a " + type
                    + " that does not decode: " + e);
        }
    }

    /** The decoder of a generated record class, or null for a name that is not one (decoders hold no nulls). */
    private static BinaryMessageDecoder<Object> decoder(String type) {
        try {
            Class<?> cls = Class.forName(type, false, PeerValues.class.getClassLoader());
            if (!SpecificRecord.class.isAssignableFrom(cls)) {
                return null;
            }
            return new BinaryMessageDecoder<>(SpecificData.getForClass(cls), SpecificData.get().getSchema(cls));
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
