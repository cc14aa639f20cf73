package org.jingan.progress.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.TargetStatus;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A listed target's JSON: the standing's fields, its labels, its expected value; never an older standing's. */
class ListedTargetTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shouldListTheStandingWithItsSectionAndDepartmentNamesAndExpectedValue() throws Exception {
        JsonNode json = json(new ListedTarget(standing(420.5), definition("商务委")));

        assertThat(json.path("targetId").asText()).isEqualTo("econ-retail-sales");
        assertThat(json.path("actual").asDouble()).isEqualTo(420.5);
        assertThat(json.path("asOf").asText()).isEqualTo("2020-07-01T00:00:00Z");
        assertThat(json.path("departmentZh").asText()).isEqualTo("商务委");
        assertThat(json.path("sectionEn").asText()).isEqualTo("Economy");
        assertThat(json.path("deadline").asText()).isEqualTo("2020-12-31");
        assertThat(json.path("year").asInt()).isEqualTo(2020);
        assertThat(json.path("expectedValue").asDouble()).isEqualTo(400.0);
    }

    @Test
    void shouldLeaveTheLabelsOutWithoutADefinition() throws Exception {
        JsonNode json = json(new ListedTarget(standing(1), null));

        assertThat(json.has("departmentZh")).isFalse();
        assertThat(json.path("expectedValue").asDouble()).isEqualTo(400.0);
    }

    @Test
    void shouldNeverWriteAnEarlierStandingOrDefinitionOfTheSameTarget() throws Exception {
        // written once, then each change must show: the JSON kept per target is only reused for an equal standing
        assertThat(json(new ListedTarget(standing(420.5), definition("商务委"))).path("actual").asDouble()).isEqualTo(420.5);
        assertThat(json(new ListedTarget(standing(421.0), definition("商务委"))).path("actual").asDouble()).isEqualTo(421.0);
        assertThat(json(new ListedTarget(standing(421.0), definition("区商务委"))).path("departmentZh").asText())
                .isEqualTo("区商务委");
        assertThat(json(new ListedTarget(standing(421.0), null)).has("departmentZh")).isFalse();
        assertThat(mapper.writeValueAsString(List.of(new ListedTarget(standing(421.0), definition("区商务委")),
                new ListedTarget(standing(421.0), definition("区商务委")))))
                .as("the same JSON twice, each a whole value in the list")
                .isEqualTo("[" + mapper.writeValueAsString(new ListedTarget(standing(421.0), definition("区商务委")))
                        + "," + mapper.writeValueAsString(new ListedTarget(standing(421.0), definition("区商务委"))) + "]");
    }

    private JsonNode json(ListedTarget listed) throws Exception {
        return mapper.readTree(mapper.writeValueAsString(listed));
    }

    private static ProgressSnapshot standing(double actual) {
        return ProgressSnapshot.newBuilder().setTargetId("econ-retail-sales").setTargetRevision(1)
                .setNameZh("社会消费品零售总额").setNameEn("Retail sales").setSectionId("S0").setDepartmentId("commerce")
                .setKind(TargetKind.CUMULATIVE).setComparator(Comparator.AT_LEAST).setUnit("亿元")
                .setTargetValue(800.0).setActual(actual).setEventCount(3).setCompletionRatio(0.53).setExpectedRatio(0.5)
                .setGap(0.03).setStatus(TargetStatus.ON_TRACK).setAsOf(Instant.parse("2020-07-01T00:00:00Z")).build();
    }

    private static Target definition(String departmentZh) {
        return Target.newBuilder().setId("econ-retail-sales").setYear(2020).setNameZh("社会消费品零售总额")
                .setNameEn("Retail sales").setSectionId("S0").setSectionZh("经济").setSectionEn("Economy")
                .setDepartmentId("commerce").setDepartmentZh(departmentZh).setDepartmentEn("Commerce")
                .setKind(TargetKind.CUMULATIVE).setUnit("亿元").setTargetValue(800.0).setComparator(Comparator.AT_LEAST)
                .setDeadline(LocalDate.of(2020, 12, 31)).setPacePlan(List.of()).setSourcePhrase("800亿元")
                .setRevision(1).build();
    }
}
