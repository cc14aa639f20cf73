package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.streams.testing.ProgressDriver;
import org.jingan.progress.streams.testing.Reports;
import org.junit.jupiter.api.Test;

/**
 * The shipped zero ceiling (确保新增违法建筑零增长, 0 平方米) in the topology: any new illegal floor area breaches it
 * and its department hears it once, a report of none keeps it fine; no share of zero ever reaches a record as NaN
 * or infinity.
 */
class ZeroCeilingTest {
    private static final Target ZERO_GROWTH = Catalog.loadDefault().find("s3-illegal-buildings-zero-growth")
            .orElseThrow();
    private static final String ID = ZERO_GROWTH.getId();

    @Test
    void shouldBreachWithOneCriticalAlertToItsDepartmentWhen120SquareMetresAreReported() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(ZERO_GROWTH).report(newIllegalArea("e1", 120, "2020-01-20"));

            ProgressSnapshot breached = driver.standing(ID);
            assertThat(breached.getStatus()).isEqualTo(TargetStatus.BREACHED);
            assertThat(breached.getTargetValue()).isEqualTo(0.0);
            assertThat(breached.getActual()).isEqualTo(120.0);
            assertThat(breached.getHeadroom()).isEqualTo(-120.0);
            assertThat(breached.getCompletionRatio()).as("no finite share of zero").isNull();
            assertThat(breached.getGap()).isNull();

            List<Alert> alerts = driver.alerts();
            assertThat(alerts).singleElement().satisfies(alert -> {
                assertThat(alert.getKind()).isEqualTo(AlertKind.BREACHED);
                assertThat(alert.getState()).isEqualTo(AlertState.FIRING);
                assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL);
                assertThat(alert.getDepartmentId()).isEqualTo("urban-management");
                assertThat(alert.getDedupKey()).isEqualTo(ID + "/BREACHED");
                assertThat(alert.getActual()).isEqualTo(120.0);
                assertThat(alert.getMessageZh()).contains("零增长", "120平方米", "区城管执法局");
                assertThat(alert.getMessageEn()).contains("zero ceiling", "120 m²").doesNotContain("平方米");
            });

            driver.report(newIllegalArea("e2", 150, "2020-02-05"));
            assertThat(driver.standing(ID).getActual()).isEqualTo(150.0);
            assertThat(driver.alerts()).as("still the same breach: no second alert").isEmpty();
            assertAllFinite(driver.snapshots());
        }
    }

    @Test
    void shouldStayFineWithoutAnyAlertWhileNoneIsReported() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(ZERO_GROWTH);
            // every three weeks, as the bureau would (silence past 30 days would be a STALE_REPORT of its own)
            for (String day : List.of("2020-01-20", "2020-02-10", "2020-03-02", "2020-03-23", "2020-04-13",
                    "2020-05-04", "2020-05-25", "2020-06-15")) {
                driver.report(newIllegalArea("none-" + day, 0, day));
            }

            ProgressSnapshot fine = driver.standing(ID);
            assertThat(fine.getStatus()).isEqualTo(TargetStatus.ON_TRACK);
            assertThat(fine.getActual()).isEqualTo(0.0);
            assertThat(fine.getHeadroom()).isEqualTo(0.0);
            assertThat(fine.getCompletionRatio()).as("nothing of nothing used").isEqualTo(0.0);
            assertThat(fine.getGap()).isNull();
            assertThat(driver.alerts()).as("within a zero ceiling there is nothing to warn about").isEmpty();
            assertAllFinite(driver.snapshots());
        }
    }

    /** A year-to-date total of new illegal floor area, as the urban management bureau reports it. */
    private static ProgressEvent newIllegalArea(String eventId, double squareMetres, String date) {
        return Reports.event(ID, eventId, UpdateKind.CUMULATIVE_TO_DATE, squareMetres, date)
                .setDepartmentId(ZERO_GROWTH.getDepartmentId()).setUnit(ZERO_GROWTH.getUnit()).build();
    }

    private static void assertAllFinite(List<ProgressSnapshot> published) {
        assertThat(published).isNotEmpty();
        for (ProgressSnapshot s : published) {
            Stream.of(s.getCompletionRatio(), s.getGap(), s.getHeadroom(), s.getForecastYearEnd(), s.getVelocityPerDay(),
                            s.getExpectedRatio(), s.getActual())
                    .filter(v -> v != null)
                    .forEach(v -> assertThat(Double.isFinite(v)).as("finite number in %s", s).isTrue());
        }
    }
}
