package org.jingan.progress.streams.query;

import java.io.IOException;
import java.time.LocalDate;

import org.jingan.progress.avro.CaseStage;
import org.jingan.progress.avro.SupervisionCaseState;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/** A supervision case as the cases lists show it: its fields, and whether its answer is overdue on the district date. */
@JsonSerialize(using = ListedCase.Json.class)
public record ListedCase(SupervisionCaseState supervisionCase, boolean overdue) {

    /** Overdue: still waiting for the department's answer after the day it was due by. */
    static ListedCase on(SupervisionCaseState c, LocalDate today) {
        LocalDate due = c.getAnswerDueBy();
        return new ListedCase(c, c.getStage() == CaseStage.OPEN && due != null && today.isAfter(due));
    }

    static final class Json extends StdSerializer<ListedCase> {
        Json() {
            super(ListedCase.class);
        }

        @Override
        public void serialize(ListedCase listed, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            AvroJson.writeFields(out, listed.supervisionCase());
            out.writeBooleanField("overdue", listed.overdue());
            out.writeEndObject();
        }
    }
}
