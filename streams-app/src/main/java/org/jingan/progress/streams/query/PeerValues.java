package org.jingan.progress.streams.query;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How store values travel between instances: an Avro record as its Avro single-object encoding (a marker, the
 * schema's fingerprint, then the binary record; base64 in the page's JSON) with its type's name, so the asker gets the
 * same typed record it would have read from its own copy; a plain value (String, number) as itself. Written and read
 * with Avro's buffered binary coders (its {@code BinaryMessageEncoder} writes byte by byte).
 *
 * <p>A record whose schema differs from this instance's (a peer on another version during a rolling upgrade) is not
 * guessed at by field name: it is refused as {@code peer-incompatible}, and the read goes to another copy.
 */
final class PeerValues {
    static final String TYPE = "type";
    static final String AVRO = "avro";
    static final String VALUE = "value";
    /** The marker of Avro's single-object encoding (specification, "Single-object encoding"), then the fingerprint. */
    private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER = MARKER.length + Long.BYTES;

    /** A record type as this instance knows it: its schema's fingerprint, its writer and reader. */
    private record Codec(long fingerprint, byte[] header, DatumWriter<Object> writer, DatumReader<Object> reader) {
        static Codec of(Schema schema, SpecificData model) {
            long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
            byte[] header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN).put(MARKER).putLong(fingerprint)
                    .array();
            return new Codec(fingerprint, header, new SpecificDatumWriter<>(schema, model),
                    new SpecificDatumReader<>(schema, schema, model));
        }
    }

    private final Map<Schema, Codec> writers = new ConcurrentHashMap<>();
    private final Map<String, Optional<Codec>> readers = new ConcurrentHashMap<>();

    /** Where an entry's record came from: the peer, the record's type and the entry's key. */
    private record Origin(String peer, String type, String key) {
    }

    /** A record as decoded from these bytes. */
    private record Decoded(String base64, Object value) {
    }

    /** More entries than the stores of a district hold: past it the decoded records are forgotten and decoded again. */
    private static final int MAX_DECODED = 200_000;
    /**
     * The record last decoded for each entry of a peer, with the bytes it came from: whole-store pages mostly repeat,
     * and the same bytes give the same record (shared, never changed: the query side only reads records).
     */
    private final Map<Origin, Decoded> decoded = new ConcurrentHashMap<>();

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
            Codec codec = writers.computeIfAbsent(schema, s -> Codec.of(s, SpecificData.getForSchema(s)));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            bytes.writeBytes(codec.header());
            try {
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
                codec.writer().write(record, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot encode a " + schema.getFullName(), e);
            }
            wire.put(TYPE, schema.getFullName());
            wire.put(AVRO, Base64.getEncoder().encodeToString(bytes.toByteArray()));
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
            String type = wire.path(TYPE).asText();
            String base64 = wire.get(AVRO).asText();
            if (!wire.hasNonNull("key")) {
                return record(type, base64, peer);
            }
            Origin origin = new Origin(peer, type, wire.get("key").asText());
            Decoded last = decoded.get(origin);
            if (last == null || !last.base64().equals(base64)) {
                last = new Decoded(base64, record(type, base64, peer));
                if (decoded.size() >= MAX_DECODED) {
                    decoded.clear();
                }
                decoded.put(origin, last);
            }
            return last.value();
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
        Codec codec = readers.computeIfAbsent(type, PeerValues::codec).orElseThrow(() -> new UnavailableException(
                "peer-incompatible", "Instance " + peer + " sent a " + type
                        + ", a record this instance does not know (another version?)"));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new UnavailableException("peer-incompatible", "Instance " + peer + " sent a " + type
                    + " that is not base64: " + e.getMessage());
        }
        if (bytes.length < HEADER || bytes[0] != MARKER[0] || bytes[1] != MARKER[1]) {
            throw new UnavailableException("peer-incompatible", "Instance " + peer + " sent a " + type
                    + " that is not in Avro's single-object encoding");
        }
        long fingerprint = ByteBuffer.wrap(bytes, MARKER.length, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (fingerprint != codec.fingerprint()) {
            throw new UnavailableException("peer-incompatible", "Instance " + peer + " sent a " + type
                    + " of another schema than this instance's (another version?): fingerprint " + fingerprint);
        }
        try {
            return codec.reader().read(null, DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null));
        } catch (IOException | RuntimeException e) {
            throw new UnavailableException("peer-incompatible", "Instance " + peer + " sent a " + type
                    + " that does not decode: " + e);
        }
    }

    /** The codec of a generated record class, or none for a name that is not one. */
    private static Optional<Codec> codec(String type) {
        try {
            Class<?> cls = Class.forName(type, false, PeerValues.class.getClassLoader());
            if (!SpecificRecord.class.isAssignableFrom(cls)) {
                return Optional.empty();
            }
            SpecificData model = SpecificData.getForClass(cls);
            return Optional.of(Codec.of(model.getSchema(cls), model));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
