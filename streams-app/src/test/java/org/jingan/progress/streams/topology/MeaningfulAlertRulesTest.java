package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingan.progress.streams.testing.Reports.at;
import static org.jingan.progress.streams.testing.Reports.ceiling;
import static org.jingan.progress.streams.testing.Reports.event;
import static org.jingan.progress.streams.testing.Reports.increment;
import static org.jingan.progress.streams.testing.Reports.milestone;
import static org.jingan.progress.streams.testing.Reports.target;
import static org.jingan.progress.streams.testing.Reports.total;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.streams.rules.RuleConfig;
import org.jingan.progress.streams.testing.ProgressDriver;
import org.junit.jupiter.api.Test;

/**
 * What keeps alerts few and meaningful (issue 18, "alerts that mean something"): one NO_REPORT_YET condition for a
 * target nobody reported instead of BEHIND and STALE_REPORT, hysteresis around the thresholds, a milestone's last
 * stretch, and BEHIND inhibiting FORECAST_MISS.
 */
class MeaningfulAlertRulesTest {

    /** The pace rules only: no forecast (too short a span ever), no stale reports within the year. */
    private static RuleConfig paceOnly() {
        return RuleConfig.defaults().withStaleAfter(Duration.ofDays(400))
                .withForecast(Duration.ofDays(14), Duration.ofDays(400), 0.03);
    }

    /**
     * A year-to-date total that wavers around the at-risk threshold: 20 units (gap -0.055) then 16 units (gap -0.044)
     * short of the linear plan of 366, day after day from 10 April. Returns the AT_RISK notices it raised.
     */
    private static List<Alert> wavering(RuleConfig rules) {
        try (ProgressDriver driver = new ProgressDriver(ProgressDriver.simulated().rules(rules).build())) {
            driver.target(target("t").build()).report(total("t", "e0", 55, "2020-03-01")); // on pace
            driver.alerts();
            LocalDate day = LocalDate.of(2020, 4, 10); // 100 days into the year: 100 expected
            for (int i = 0; i < 10; i++, day = day.plusDays(1)) {
                double shortBy = i % 2 == 0 ? 20 : 16;
                driver.report(total("t", "w" + i, 100 + i - shortBy, day.toString()));
            }
            List<Alert> raised = new ArrayList<>(driver.alerts());
            driver.report(total("t", "back", 100 + 10 - 5, day.toString())); // gap -0.014: recovered past the margin
            raised.addAll(driver.alerts());
            return raised.stream().filter(a -> a.getKind() == AlertKind.AT_RISK).toList();
        }
    }

    @Test
    void shouldNotFlapWhenAReportOscillatesAroundTheThreshold() {
        List<Alert> withMargin = wavering(paceOnly());

        assertThat(withMargin).extracting(Alert::getState)
                .as("fired once, resolved once: when the gap is back past -0.05 by the 0.02 margin")
                .containsExactly(AlertState.FIRING, AlertState.RESOLVED);

        List<Alert> withoutMargin = wavering(paceOnly().withStatusClearMargin(0));
        assertThat(withoutMargin.stream().filter(a -> a.getState() == AlertState.FIRING))
                .as("without the margin every other report fires again").hasSize(5);
        assertThat(withoutMargin.stream().filter(a -> a.getState() == AlertState.RESOLVED)).hasSize(5);
    }

    @Test
    void shouldGiveUnreportedTargetsTheNoReportStateNotBehindAlerts() {
        try (ProgressDriver driver = new ProgressDriver()) {
            for (String id : List.of("a", "b", "c")) {
                driver.target(target(id).build());
            }
            driver.target(ceiling("cap", 1000).build()).target(milestone("bridge").build());

            driver.clock(at("2020-04-01")); // a quarter of the year, and nobody reported

            List<Alert> alerts = driver.alerts();
            assertThat(alerts).extracting(a -> a.getDedupKey() + " " + a.getState()).containsExactlyInAnyOrder(
                    "a/NO_REPORT_YET FIRING", "b/NO_REPORT_YET FIRING", "c/NO_REPORT_YET FIRING",
                    "cap/NO_REPORT_YET FIRING");
            assertThat(alerts).allSatisfy(a -> {
                assertThat(a.getDepartmentId()).isEqualTo("housing");
                assertThat(a.getSeverity()).isEqualTo(Severity.WARNING);
                assertThat(a.getStatus()).isEqualTo(TargetStatus.NO_REPORT_YET);
                assertThat(a.getMessageZh()).contains("今年尚未报送进度", "请区房管局报送");
                assertThat(a.getMessageEn()).contains("no progress report this year", "Housing Bureau to report");
            });
            assertThat(driver.standing("a").getStatus()).isEqualTo(TargetStatus.NO_REPORT_YET);
            assertThat(driver.standing("bridge").getStatus()).as("a milestone reports once, when done")
                    .isEqualTo(TargetStatus.ON_TRACK);

            driver.report(total("a", "a1", 91, "2020-04-01")); // on pace

            assertThat(driver.alerts()).extracting(a -> a.getDedupKey() + " " + a.getState())
                    .containsExactly("a/NO_REPORT_YET RESOLVED");
            assertThat(driver.standing("a").getStatus()).isEqualTo(TargetStatus.ON_TRACK);
        }
    }

    @Test
    void shouldPutAMilestoneNotDoneAtRiskWithinItsLastStretch() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(milestone("bridge").build()).clock(at("2020-11-30"));
            assertThat(driver.standing("bridge").getStatus()).isEqualTo(TargetStatus.ON_TRACK);
            assertThat(driver.alerts()).isEmpty();

            driver.clock(at("2020-12-05"));

            assertThat(driver.standing("bridge").getStatus()).isEqualTo(TargetStatus.AT_RISK);
            List<Alert> alerts = driver.alerts();
            assertThat(alerts).extracting(a -> a.getDedupKey() + " " + a.getState())
                    .containsExactly("bridge/AT_RISK FIRING");
            assertThat(alerts.get(0).getMessageEn()).contains("not reported done, 27 days before it is due (2020-12-31 under time-proportional pace (时序进度))");
            assertThat(alerts.get(0).getMessageZh()).contains("尚未报告完成", "2020-12-31", "27天");

            driver.clock(at("2020-12-30"));
            assertThat(driver.standing("bridge").getStatus()).as("never ON_TRACK on 30 December unreported")
                    .isEqualTo(TargetStatus.AT_RISK);

            driver.report(event("bridge", "done", UpdateKind.MILESTONE_REACHED, null, "2020-12-30").setUnit("项").build());
            assertThat(driver.standing("bridge").getStatus()).isEqualTo(TargetStatus.COMPLETED);
            assertThat(driver.alerts()).extracting(a -> a.getDedupKey() + " " + a.getState())
                    .containsExactly("bridge/AT_RISK RESOLVED");
        }
    }

    @Test
    void shouldTakeTheMilestonesLastStretchFromConfiguration() {
        RuleConfig tenDays = RuleConfig.defaults().withMilestoneLastStretch(Duration.ofDays(10));
        try (ProgressDriver driver = new ProgressDriver(ProgressDriver.simulated().rules(tenDays).build())) {
            driver.target(milestone("bridge").build()).clock(at("2020-12-05"));
            assertThat(driver.standing("bridge").getStatus()).isEqualTo(TargetStatus.ON_TRACK);

            driver.clock(at("2020-12-22"));
            assertThat(driver.standing("bridge").getStatus()).isEqualTo(TargetStatus.AT_RISK);
        }
    }

    @Test
    void shouldInhibitForecastMissWhileBehind() {
        RuleConfig noStale = RuleConfig.defaults().withStaleAfter(Duration.ofDays(400));
        try (ProgressDriver driver = new ProgressDriver(ProgressDriver.simulated().rules(noStale).build())) {
            driver.target(target("t").build()); // 366 by year end: 1 a day
            LocalDate day = LocalDate.of(2020, 1, 1);
            for (; day.isBefore(LocalDate.of(2020, 7, 1)); day = day.plusDays(1)) {
                driver.report(increment("t", "e" + day, 1, day.toString()));
            }
            assertThat(driver.alerts()).isEmpty();
            List<Alert> alerts = new ArrayList<>();
            // then 0.4 a day: first the forecast misses, then the pace falls behind
            for (; day.isBefore(LocalDate.of(2020, 11, 30)); day = day.plusDays(1)) {
                driver.report(increment("t", "e" + day, 0.4, day.toString()));
                alerts.addAll(driver.alerts());
            }

            assertThat(alerts).extracting(a -> a.getDedupKey() + " " + a.getState()).containsExactly(
                    "t/FORECAST_MISS FIRING", "t/AT_RISK FIRING",
                    "t/AT_RISK RESOLVED", "t/FORECAST_MISS RESOLVED", "t/BEHIND FIRING");
            Alert covered = alerts.get(3);
            assertThat(covered.getStatus()).isEqualTo(TargetStatus.BEHIND);
            assertThat(covered.getMessageEn()).contains("forecast miss resolved (covered by the behind plan alert)");
            assertThat(covered.getMessageZh()).contains("由进度落后告警涵盖");
            assertThat(driver.standing("t").getStatus()).isEqualTo(TargetStatus.BEHIND);
            assertThat(driver.standing("t").getForecastYearEnd()).as("the forecast still misses, unannounced")
                    .isLessThan(366 * 0.97);
        }
    }
}
