package org.jingan.progress.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.PacePoint;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.TargetStatus;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class AvroJsonTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(AvroJson.module());

    @Test
    void shouldWriteRecordsWithTheirAvroFieldNamesAndIsoTimes() {
        ProgressSnapshot snapshot = snapshot().setForecastCompletionDate(LocalDate.of(2020, 11, 3))
                .setLastEventTime(Instant.parse("2020-06-30T02:00:00Z")).build();

        JsonNode node = toJson(snapshot);

        assertThat(node.path("targetId").asText()).isEqualTo("econ-retail-sales");
        assertThat(node.path("status").asText()).isEqualTo("ON_TRACK");
        assertThat(node.path("asOf").asText()).isEqualTo("2020-07-01T00:00:00Z");
        assertThat(node.path("lastEventTime").asText()).isEqualTo("2020-06-30T02:00:00Z");
        assertThat(node.path("forecastCompletionDate").asText()).isEqualTo("2020-11-03");
        assertThat(node.path("actual").asDouble()).isEqualTo(420.5);
        assertThat(node.path("parentTargetId").isNull()).isTrue();
    }

    @Test
    void shouldWriteNonFiniteNumbersAsNull() {
        JsonNode node = toJson(snapshot().setGap(Double.NaN).setCompletionRatio(Double.POSITIVE_INFINITY).build());

        assertThat(node.path("gap").isNull()).isTrue();
        assertThat(node.path("completionRatio").isNull()).isTrue();
    }

    @Test
    void shouldWriteNestedRecordsArraysAndPlainValues() {
        Target target = Target.newBuilder().setId("t").setYear(2020).setNameZh("目标").setNameEn("Target")
                .setSectionId("S1").setSectionZh("一").setSectionEn("One").setDepartmentId("d").setDepartmentZh("部门")
                .setDepartmentEn("Dept").setKind(TargetKind.CUMULATIVE).setUnit("台").setTargetValue(800.0)
                .setComparator(Comparator.AT_LEAST).setDeadline(LocalDate.of(2020, 12, 31))
                .setPacePlan(List.of(new PacePoint(LocalDate.of(2020, 6, 30), 0.5)))
                .setSourcePhrase("完成800台").setRevision(2).setRevisionNote("city raised it")
                .setRevisedBy("User:catalog").setRevisedAt(Instant.parse("2020-03-02T01:30:00Z")).build();

        JsonNode node = toJson(target);

        assertThat(node.path("pacePlan").get(0).path("date").asText()).isEqualTo("2020-06-30");
        assertThat(node.path("pacePlan").get(0).path("expectedRatio").asDouble()).isEqualTo(0.5);
        assertThat(node.path("nameZh").asText()).isEqualTo("目标");
        assertThat(node.path("revisedBy").asText()).as("the target's detail says who revised it").isEqualTo("User:catalog");
        assertThat(node.path("revisedAt").asText()).isEqualTo("2020-03-02T01:30:00Z");
        assertThat(toJson("plain").asText()).isEqualTo("plain");
        assertThat(toJson(42L).asLong()).isEqualTo(42L);
        assertThat(toJson(null).isNull()).isTrue();
    }

    private JsonNode toJson(Object value) {
        return mapper.valueToTree(value);
    }

    private static ProgressSnapshot.Builder snapshot() {
        return ProgressSnapshot.newBuilder().setTargetId("econ-retail-sales").setTargetRevision(1)
                .setNameZh("社会消费品零售总额").setNameEn("Retail sales").setSectionId("S0").setDepartmentId("commerce")
                .setKind(TargetKind.CUMULATIVE).setComparator(Comparator.AT_LEAST).setUnit("亿元")
                .setTargetValue(800.0).setActual(420.5).setEventCount(3).setCompletionRatio(0.53).setExpectedRatio(0.5)
                .setGap(0.03).setStatus(TargetStatus.ON_TRACK).setAsOf(Instant.parse("2020-07-01T00:00:00Z"));
    }
}
