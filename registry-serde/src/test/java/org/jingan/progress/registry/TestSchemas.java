package org.jingan.progress.registry;

import java.time.Instant;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;

/** Two hand-written versions of a small record, an incompatible third, and a sample ProgressEvent. */
final class TestSchemas {

    /** The original version. */
    static final Schema READING_V1 = parse("""
            {"type": "record", "name": "Reading", "namespace": "org.jingan.progress.test", "fields": [
              {"name": "targetId", "type": "string"},
              {"name": "value", "type": "double"}]}""");

    /** Backward compatible with V1: adds an optional field with a default. */
    static final Schema READING_V2 = parse("""
            {"type": "record", "name": "Reading", "namespace": "org.jingan.progress.test", "fields": [
              {"name": "targetId", "type": "string"},
              {"name": "value", "type": "double"},
              {"name": "note", "type": ["null", "string"], "default": null}]}""");

    /** Not backward compatible with V1: a new required field without default cannot be filled from old data. */
    static final Schema READING_REQUIRED_UNIT = parse("""
            {"type": "record", "name": "Reading", "namespace": "org.jingan.progress.test", "fields": [
              {"name": "targetId", "type": "string"},
              {"name": "value", "type": "double"},
              {"name": "unit", "type": "string"}]}""");

    private TestSchemas() {
    }

    static GenericRecord readingV1(String targetId, double value) {
        GenericRecord record = new GenericData.Record(READING_V1);
        record.put("targetId", targetId);
        record.put("value", value);
        return record;
    }

    static GenericRecord readingV2(String targetId, double value, String note) {
        GenericRecord record = new GenericData.Record(READING_V2);
        record.put("targetId", targetId);
        record.put("value", value);
        record.put("note", note);
        return record;
    }

    static ProgressEvent progressEvent(String targetId, double value) {
        return ProgressEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setTargetId(targetId)
                .setDepartmentId("jingan-sports-bureau")
                .setReporter("zhang.wei")
                .setKind(UpdateKind.INCREMENT)
                .setValue(value)
                .setUnit("个")
                .setEventTime(Instant.parse("2020-06-30T08:00:00Z"))
                .setReportedAt(Instant.parse("2020-07-01T09:30:00.123Z"))
                .setNote("新建公共运动场 完工")
                .build();
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
