package org.jingan.progress.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingan.progress.intake.TestTargets.COMMERCE;
import static org.jingan.progress.intake.TestTargets.CONSTRUCTION;

import java.util.ArrayList;
import java.util.List;
import org.jingan.progress.avro.Target;
import org.jingan.progress.intake.TestTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A reported number is finite and at most a multiple of its target's value (or of its 2019 value, or a fixed cap). */
class ValueBoundsTest {
    /** A pending target (no target value) with a 2019 value of 2000 人. */
    private static final Target PENDING_WITH_BASELINE = Target.newBuilder(TestTargets.CEILING)
            .setId("m-pending").setBaseline2019(2000.0).build();

    private static ReportValidator validator(ValueBounds bounds) {
        var all = new ArrayList<>(TestTargets.ALL);
        all.add(PENDING_WITH_BASELINE);
        return new ReportValidator(TargetDirectory.of(all), TestTargets.DISTRICT_CLOCK, TestTargets.ZONE,
                ReportValidator.Bounds.DEFAULT, bounds, () -> { });
    }

    private static List<FieldError> errors(ReportValidator v, String targetId, String department, String kind, String value) {
        var request = new ReportRequest(null, targetId, kind, value, null, "2020-06-30", null, null, null, null);
        return v.check(new ReportRow(0, 1, request), department).errors();
    }

    @Test
    void shouldTakeUpToAHundredTimesTheTargetValueByDefault() {
        ReportValidator v = validator(ValueBounds.DEFAULT);

        assertThat(errors(v, "c-elevators", CONSTRUCTION, "INCREMENT", "10000")).isEmpty(); // target 100 台
        assertThat(errors(v, "c-elevators", CONSTRUCTION, "INCREMENT", "10001"))
                .singleElement().satisfies(e -> {
                    assertThat(e.code()).isEqualTo(Violation.VALUE_OUT_OF_RANGE);
                    assertThat(e.field()).isEqualTo("value");
                    assertThat(e.reason()).contains("'c-elevators'").contains("100 times its target value of 100 台")
                            .contains("10000 台");
                    assertThat(e.reasonZh()).contains("目标值 100 台 的 100 倍").contains("10000 台");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e300", "1e400", "-1e400", "123456789012345678901234567890123456789e300"})
    void shouldRefuseHugeAndInfiniteValuesAsOutOfRangeNotAsNotANumber(String value) {
        assertThat(errors(validator(ValueBounds.DEFAULT), "c-elevators", CONSTRUCTION, "INCREMENT", value))
                .extracting(FieldError::code).containsExactly(Violation.VALUE_OUT_OF_RANGE);
    }

    @Test
    void shouldBoundANegativeLevelBySize() {
        ReportValidator v = validator(ValueBounds.DEFAULT);

        assertThat(errors(v, "m-growth", COMMERCE, null, "-600")).isEmpty(); // target 6 %
        assertThat(errors(v, "m-growth", COMMERCE, null, "-601")).extracting(FieldError::code)
                .containsExactly(Violation.VALUE_OUT_OF_RANGE);
    }

    @Test
    void shouldMeasureAPendingTargetByIts2019ValueElseByTheFixedCap() {
        ReportValidator v = validator(new ValueBounds(10, 5000));

        assertThat(errors(v, "m-pending", COMMERCE, null, "20000")).isEmpty();
        assertThat(errors(v, "m-pending", COMMERCE, null, "20001")).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("10 times its 2019 value of 2000 人"));
        assertThat(errors(v, "m-complaints", COMMERCE, null, "5000")).isEmpty(); // neither a target nor a 2019 value
        assertThat(errors(v, "m-complaints", COMMERCE, null, "5001")).singleElement()
                .satisfies(e -> {
                    assertThat(e.reason()).contains("a target without a target value takes values up to 5000 人");
                    assertThat(e.reasonZh()).contains("尚无目标值").contains("5000 人");
                });
    }

    @Test
    void shouldRefuseNonsensicalSettings() {
        assertThatThrownBy(() -> new ValueBounds(0, 1)).hasMessageContaining("INTAKE_MAX_VALUE_MULTIPLE");
        assertThatThrownBy(() -> new ValueBounds(100, Double.POSITIVE_INFINITY)).hasMessageContaining("INTAKE_MAX_VALUE_WITHOUT_TARGET");
    }
}
