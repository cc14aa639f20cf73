package org.jingan.progress.streams.query;

import java.io.IOException;

import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;

import com.fasterxml.jackson.core.JsonGenerator;
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

    static final class Json extends StdSerializer<ListedTarget> {
        Json() {
            super(ListedTarget.class);
        }

        @Override
        public void serialize(ListedTarget listed, JsonGenerator out, SerializerProvider provider) throws IOException {
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
