package org.jingan.progress.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.jingan.progress.avro.Target;

/**
 * Plain JSON for a {@link Target}: the Avro field names in schema order, dates as ISO strings, enums as names,
 * nulls kept. (Avro's own JSON encoding wraps unions as {"double": 800.0}, which no reader wants.)
 */
public final class TargetJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TargetJson() {
    }

    /** One line of JSON, no trailing newline. */
    public static String toJsonLine(Target target) {
        try {
            return JSON.writeValueAsString(toMap(target));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write target " + target.getId() + " as JSON", e);
        }
    }

    /** The target's fields in schema order. */
    public static Map<String, Object> toMap(Target target) {
        return recordToMap(target);
    }

    private static Map<String, Object> recordToMap(IndexedRecord record) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            map.put(field.name(), plain(record.get(field.pos())));
        }
        return map;
    }

    private static Object plain(Object value) {
        if (value instanceof IndexedRecord record) {
            return recordToMap(record);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(plain(item)));
            return items;
        }
        if (value instanceof LocalDate || value instanceof CharSequence) {
            return value.toString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return value;
    }
}
