package org.jingan.progress.streams.query;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes whatever a state store holds (Avro records of the contract or internal ones, Strings, numbers) as JSON:
 * at the HTTP edge, straight into the answer's bytes ({@link #module()} teaches Jackson Avro records).
 *
 * <p>Walking the Avro schema keeps the JSON equal to the Avro field names, whatever record the topology stores,
 * so the query layer needs no per-type mapping. Dates are ISO dates, timestamps ISO instants, enums their symbol,
 * and non-finite doubles {@code null} (JSON has no NaN).
 */
public final class AvroJson {
    /** Resolves union branches of values generated classes hold as java.time types. */
    private static final GenericData MODEL = new GenericData();

    static {
        MODEL.addLogicalTypeConversion(new TimeConversions.DateConversion());
        MODEL.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        MODEL.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        MODEL.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        MODEL.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    }

    private AvroJson() {
    }

    /** Jackson's serializer of Avro records, for the mappers that write answers. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("avro-records");
        module.addSerializer(IndexedRecord.class, new StdSerializer<>(IndexedRecord.class) {
            @Override
            public void serialize(IndexedRecord record, JsonGenerator out, SerializerProvider provider) throws IOException {
                writeRecord(out, record);
            }
        });
        return module;
    }

    /** The record as a JSON object. */
    public static void writeRecord(JsonGenerator out, IndexedRecord record) throws IOException {
        out.writeStartObject();
        writeFields(out, record);
        out.writeEndObject();
    }

    /** The record's fields, into an object the caller has opened (to add fields of its own after them). */
    public static void writeFields(JsonGenerator out, IndexedRecord record) throws IOException {
        for (Schema.Field field : record.getSchema().getFields()) {
            out.writeFieldName(field.name());
            write(out, field.schema(), record.get(field.pos()));
        }
    }

    /** A value of {@code schema}, e.g. a date field as its ISO date. */
    public static void write(JsonGenerator out, Schema schema, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
            return;
        }
        switch (schema.getType()) {
            case UNION -> write(out, branch(schema, value), value);
            case RECORD -> writeRecord(out, (IndexedRecord) value);
            case ENUM, STRING -> out.writeString(value.toString());
            case ARRAY -> {
                out.writeStartArray();
                for (Object item : (Collection<?>) value) {
                    write(out, schema.getElementType(), item);
                }
                out.writeEndArray();
            }
            case MAP -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    out.writeFieldName(entry.getKey().toString());
                    write(out, schema.getValueType(), entry.getValue());
                }
                out.writeEndObject();
            }
            case INT -> {
                if ("date".equals(logicalType(schema))) {
                    out.writeString(date(value));
                } else {
                    out.writeNumber(((Number) value).intValue());
                }
            }
            case LONG -> {
                if (isTimestamp(schema)) {
                    out.writeString(timestamp(schema, value));
                } else {
                    out.writeNumber(((Number) value).longValue());
                }
            }
            case FLOAT, DOUBLE -> writeNumber(out, ((Number) value).doubleValue());
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case BYTES -> out.writeString(value instanceof ByteBuffer buffer ? base64(buffer) : value.toString());
            case FIXED -> out.writeString(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
            case NULL -> out.writeNull();
        }
    }

    /** A double, or null when it is not finite (JSON has no NaN). */
    public static void writeNumber(JsonGenerator out, Double value) throws IOException {
        if (value == null || !Double.isFinite(value)) {
            out.writeNull();
        } else {
            out.writeNumber(value);
        }
    }

    /** The branch of a union a non-null value belongs to; Java time values count as their logical types. */
    private static Schema branch(Schema union, Object value) {
        List<Schema> types = union.getTypes();
        if (types.size() == 2 && types.get(0).getType() == Schema.Type.NULL) {
            return types.get(1);
        }
        if (types.size() == 2 && types.get(1).getType() == Schema.Type.NULL) {
            return types.get(0);
        }
        return types.get(MODEL.resolveUnion(union, value));
    }

    private static String date(Object value) {
        LocalDate date = value instanceof LocalDate local ? local : LocalDate.ofEpochDay(((Number) value).longValue());
        return date.toString();
    }

    private static String timestamp(Schema schema, Object value) {
        if (!(value instanceof Number)) {
            return value.toString(); // Instant or LocalDateTime: ISO-8601 already
        }
        long raw = ((Number) value).longValue();
        Instant instant = logicalType(schema).startsWith("timestamp-micros") || logicalType(schema).startsWith("local-timestamp-micros")
                ? Instant.ofEpochSecond(0, raw * 1000) : Instant.ofEpochMilli(raw);
        return instant.toString();
    }

    private static boolean isTimestamp(Schema schema) {
        String type = logicalType(schema);
        return type.startsWith("timestamp-") || type.startsWith("local-timestamp-");
    }

    private static String logicalType(Schema schema) {
        return schema.getLogicalType() == null ? "" : schema.getLogicalType().getName();
    }

    private static String base64(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
