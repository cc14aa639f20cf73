package org.jingan.progress.streams.query;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * A target's standing as the target list (and the live feed) shows it: the standing's fields, then, when its
 * definition is known, the names of its section and department, its deadline and year; then its expected value.
 */
@JsonSerialize(using = ListedTarget.Json.class)
public record ListedTarget(ProgressSnapshot standing, Target definition) {

    /** The value the pace plan expects by now, null when the target has no value (a qualitative one). */
    public Double expectedValue() {
        Double target = standing.getTargetValue();
        return target == null ? null : standing.getExpectedRatio() * target;
    }

    /**
     * Writes a listed target, from the JSON it was last written as while its standing and definition are the same:
     * between two reads most of a board has not changed, and writing the standings (their numbers above all) was
     * most of what a whole-board answer cost (see BENCHMARKS.md, issue 21).
     */
    static final class Json extends StdSerializer<ListedTarget> {
        /** More targets than a district has: past it the written JSON is forgotten and written again. */
        private static final int MAX_KEPT = 50_000;
        private static final JsonFactory FACTORY = JsonFactory.builder()
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

        private record Written(ProgressSnapshot standing, Target definition, SerializedString json) {
            boolean writes(ListedTarget listed) {
                // the same instance when a peer sent the same bytes again (PeerValues), else compared field by field
                return (definition == listed.definition() || Objects.equals(definition, listed.definition()))
                        && (standing == listed.standing() || standing.equals(listed.standing()));
            }
        }

        private final Map<String, Written> written = new ConcurrentHashMap<>();

        Json() {
            super(ListedTarget.class);
        }

        @Override
        public void serialize(ListedTarget listed, JsonGenerator out, SerializerProvider provider) throws IOException {
            String id = listed.standing().getTargetId();
            Written last = written.get(id);
            if (last == null || !last.writes(listed)) {
                last = new Written(listed.standing(), listed.definition(), new SerializedString(json(listed)));
                if (written.size() >= MAX_KEPT) {
                    written.clear();
                }
                written.put(id, last);
            }
            out.writeRawValue(last.json());
        }

        private static String json(ListedTarget listed) throws IOException {
            StringWriter text = new StringWriter(1024);
            try (JsonGenerator out = FACTORY.createGenerator(text)) {
                write(listed, out);
            }
            return text.toString();
        }

        private static void write(ListedTarget listed, JsonGenerator out) throws IOException {
            out.writeStartObject();
            AvroJson.writeFields(out, listed.standing());
            Target d = listed.definition();
            if (d != null) {
                out.writeStringField("sectionZh", d.getSectionZh());
                out.writeStringField("sectionEn", d.getSectionEn());
                out.writeStringField("departmentZh", d.getDepartmentZh());
                out.writeStringField("departmentEn", d.getDepartmentEn());
                out.writeStringField("deadline", d.getDeadline() == null ? null : d.getDeadline().toString());
                out.writeNumberField("year", d.getYear());
            }
            out.writeFieldName("expectedValue");
            AvroJson.writeNumber(out, listed.expectedValue());
            out.writeEndObject();
        }
    }
}
