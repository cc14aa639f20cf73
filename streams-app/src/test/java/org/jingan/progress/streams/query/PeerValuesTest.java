package org.jingan.progress.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.PacePoint;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.TargetStatus;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Store values as they travel between instances: as the same typed records, or refused, never half-read. */
class PeerValuesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PeerValues values = new PeerValues();

    @Test
    void shouldGiveThePeerTheSameTypedRecordItsOwnCopyWouldHaveGiven() throws java.io.IOException {
        ProgressSnapshot standing = standing();
        Target definition = definition();

        Object readStanding = values.read(overTheWire(values.entry("econ-retail-sales", standing)), "peer:1");
        Object readDefinition = values.read(overTheWire(values.value(definition)), "peer:1");

        assertThat(readStanding).isInstanceOf(ProgressSnapshot.class).isEqualTo(standing);
        assertThat(ProgressSnapshot.getDecoder().decode(Base64.getDecoder().decode(
                (String) values.entry("k", standing).get(PeerValues.AVRO))))
                .as("Avro's own single-object decoder reads what travels").isEqualTo(standing);
        assertThat(readDefinition).isInstanceOf(Target.class).isEqualTo(definition);
        assertThat(((Target) readDefinition).getDeadline()).as("logical types come back as such")
                .isEqualTo(LocalDate.of(2020, 12, 31));
    }

    @Test
    void shouldGiveTheRecordDecodedLastTimeForTheSameBytesAndANewOneForNewBytes() {
        JsonNode first = overTheWire(values.entry("econ-retail-sales", standing()));
        JsonNode again = overTheWire(values.entry("econ-retail-sales", standing()));
        ProgressSnapshot moved = ProgressSnapshot.newBuilder(standing()).setActual(500.0).build();
        JsonNode changed = overTheWire(values.entry("econ-retail-sales", moved));

        Object read = values.read(first, "peer:1");

        assertThat(values.read(again, "peer:1")).as("same bytes, same record").isSameAs(read);
        assertThat(values.read(changed, "peer:1")).as("new bytes, the new record").isEqualTo(moved);
        assertThat(values.read(first, "peer:2")).as("another peer's entry is its own").isNotSameAs(read).isEqualTo(read);
    }

    @Test
    void shouldCarryPlainValuesAsThemselves() {
        assertThat(values.read(overTheWire(values.entry("k", "text")), "p")).isEqualTo("text");
        assertThat(values.read(overTheWire(values.entry("k", 42L)), "p")).isEqualTo(42L);
        assertThat(values.read(overTheWire(values.entry("k", 0.5)), "p")).isEqualTo(0.5);
        assertThat(values.value(null)).isNull();
        assertThat(values.read(MAPPER.nullNode(), "p")).isNull();
    }

    @Test
    void shouldRefuseARecordOfAnotherSchemaRatherThanGuessAtItsFields() {
        // a peer on another version: the same record name, another schema (one field more)
        Schema other = SchemaBuilder.record("ProgressSnapshot").namespace("org.jingan.progress.avro").fields()
                .requiredString("targetId").requiredInt("aNewField").endRecord();
        GenericRecord record = new GenericData.Record(other);
        record.put("targetId", "t");
        record.put("aNewField", 1);
        JsonNode wire = MAPPER.valueToTree(Map.of(PeerValues.TYPE, ProgressSnapshot.class.getName(),
                PeerValues.AVRO, base64(record, other)));

        assertThatThrownBy(() -> values.read(wire, "peer:9"))
                .isInstanceOfSatisfying(UnavailableException.class, e -> {
                    assertThat(e.type()).isEqualTo("peer-incompatible");
                    assertThat(e.getMessage()).contains("peer:9").contains("another schema");
                });
    }

    @Test
    void shouldRefuseARecordTypeThisInstanceDoesNotKnow() {
        JsonNode wire = MAPPER.valueToTree(Map.of(PeerValues.TYPE, "org.jingan.progress.avro.NoSuchRecord",
                PeerValues.AVRO, "AAAA"));
        JsonNode notARecord = MAPPER.valueToTree(Map.of(PeerValues.TYPE, "java.lang.Runtime", PeerValues.AVRO, "AAAA"));

        assertThatThrownBy(() -> values.read(wire, "peer:9"))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.type()).isEqualTo("peer-incompatible"));
        assertThatThrownBy(() -> values.read(notARecord, "peer:9"))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.type()).isEqualTo("peer-incompatible"));
    }

    private static JsonNode overTheWire(Object wire) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsBytes(wire));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(GenericRecord record, Schema schema) {
        try {
            ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
            byte[] raw = new byte[bytes.remaining()];
            bytes.get(raw);
            return Base64.getEncoder().encodeToString(raw);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProgressSnapshot standing() {
        return ProgressSnapshot.newBuilder().setTargetId("econ-retail-sales").setTargetRevision(1)
                .setNameZh("社会消费品零售总额").setNameEn("Retail sales").setSectionId("S0").setDepartmentId("commerce")
                .setKind(TargetKind.CUMULATIVE).setComparator(Comparator.AT_LEAST).setUnit("亿元")
                .setTargetValue(800.0).setActual(420.5).setEventCount(3).setCompletionRatio(0.53).setExpectedRatio(0.5)
                .setGap(0.03).setStatus(TargetStatus.ON_TRACK).setAsOf(Instant.parse("2020-07-01T00:00:00Z"))
                .setForecastCompletionDate(LocalDate.of(2020, 11, 3)).build();
    }

    private static Target definition() {
        return Target.newBuilder().setId("t").setYear(2020).setNameZh("目标").setNameEn("Target")
                .setSectionId("S1").setSectionZh("一").setSectionEn("One").setDepartmentId("d").setDepartmentZh("部门")
                .setDepartmentEn("Dept").setKind(TargetKind.CUMULATIVE).setUnit("台").setTargetValue(800.0)
                .setComparator(Comparator.AT_LEAST).setDeadline(LocalDate.of(2020, 12, 31))
                .setPacePlan(List.of(new PacePoint(LocalDate.of(2020, 6, 30), 0.5)))
                .setSourcePhrase("完成800台").setRevision(2).build();
    }
}
