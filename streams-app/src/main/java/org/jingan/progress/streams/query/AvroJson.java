package org.jingan.progress.streams.query;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns whatever a state store holds (Avro records of the contract or internal ones, Strings, numbers) into JSON.
 *
 * <p>Walking the Avro schema keeps the JSON equal to the Avro field names, whatever record the topology stores,
 * so the query layer needs no per-type mapping. Dates are ISO dates, timestamps ISO instants, enums their symbol,
 * and non-finite doubles {@code null} (JSON has no NaN).
 */
public final class AvroJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Resolves union branches of values generated classes hold as java.time types. */
    private static final GenericData MODEL = new GenericData();

    static {
        MODEL.addLogicalTypeConversion(new TimeConversions.DateConversion());
        MODEL.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        MODEL.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        MODEL.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        MODEL.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    }

    private final ObjectMapper mapper;

    public AvroJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The JSON form of a store value or key. */
    public JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof IndexedRecord record) {
            return record(record);
        }
        if (value instanceof CharSequence text) {
            return NODES.textNode(text.toString());
        }
        return plain(value);
    }

    private ObjectNode record(IndexedRecord record) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), value(field.schema(), record.get(field.pos())));
        }
        return node;
    }

    private JsonNode value(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case UNION -> value(branch(schema, value), value);
            case RECORD -> record((IndexedRecord) value);
            case ENUM, STRING -> NODES.textNode(value.toString());
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (Collection<?>) value) {
                    array.add(value(schema.getElementType(), item));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode map = NODES.objectNode();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    map.set(entry.getKey().toString(), value(schema.getValueType(), entry.getValue()));
                }
                yield map;
            }
            case INT -> "date".equals(logicalType(schema)) ? date(value) : NODES.numberNode(((Number) value).intValue());
            case LONG -> isTimestamp(schema) ? timestamp(schema, value) : NODES.numberNode(((Number) value).longValue());
            case FLOAT, DOUBLE -> number(((Number) value).doubleValue());
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case BYTES -> value instanceof ByteBuffer buffer ? NODES.textNode(base64(buffer)) : plain(value);
            case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
            case NULL -> NODES.nullNode();
        };
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

    private static JsonNode date(Object value) {
        LocalDate date = value instanceof LocalDate local ? local : LocalDate.ofEpochDay(((Number) value).longValue());
        return NODES.textNode(date.toString());
    }

    private static JsonNode timestamp(Schema schema, Object value) {
        if (!(value instanceof Number)) {
            return NODES.textNode(value.toString()); // Instant or LocalDateTime: ISO-8601 already
        }
        long raw = ((Number) value).longValue();
        Instant instant = logicalType(schema).startsWith("timestamp-micros") || logicalType(schema).startsWith("local-timestamp-micros")
                ? Instant.ofEpochSecond(0, raw * 1000) : Instant.ofEpochMilli(raw);
        return NODES.textNode(instant.toString());
    }

    private static boolean isTimestamp(Schema schema) {
        String type = logicalType(schema);
        return type.startsWith("timestamp-") || type.startsWith("local-timestamp-");
    }

    private static String logicalType(Schema schema) {
        return schema.getLogicalType() == null ? "" : schema.getLogicalType().getName();
    }

    private static JsonNode number(double value) {
        return Double.isFinite(value) ? NODES.numberNode(value) : NODES.nullNode();
    }

    private static String base64(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private JsonNode plain(Object value) {
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof Float f) {
            return number(f);
        }
        return mapper.valueToTree(value);
    }
}
