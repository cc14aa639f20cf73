package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.jingan.progress.streams.testing.Reports.increment;
import static org.jingan.progress.streams.testing.Reports.target;
import static org.jingan.progress.streams.testing.Reports.total;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.streams.rules.RuleConfig;
import org.jingan.progress.streams.testing.ProgressDriver;
import org.jingan.progress.streams.testing.Reports;
import org.junit.jupiter.api.Test;

/** Alerts: raised when a target's standing worsens, once per condition, resolved on recovery; silence and forecasts. */
class AlertRulesTest {

    /** Only the pace rules: no forecast (too short a span ever), no stale reports within the year. */
    private static ProgressTopologyConfig paceOnly() {
        return ProgressDriver.simulated().rules(RuleConfig.defaults()
                .withStaleAfter(Duration.ofDays(400))
                .withForecast(Duration.ofDays(14), Duration.ofDays(400), 0.03)).build();
    }

    /** Only silence: pace thresholds no target can cross, no forecast. */
    private static ProgressTopologyConfig silenceOnly(boolean live) {
        ProgressTopologyConfig.Builder config = ProgressDriver.simulated();
        if (live) {
            config.clock(ClockMode.WALL, ProgressDriver.CLOCK_START);
        }
        return config.rules(RuleConfig.defaults().withGaps(-1.5, -2.0)
                        .withForecast(Duration.ofDays(14), Duration.ofDays(400), 0.03)).build();
    }

    /** Only the forecast: pace thresholds no target can cross, no stale reports. */
    private static ProgressTopologyConfig forecastOnly() {
        return ProgressDriver.simulated()
                .rules(RuleConfig.defaults().withGaps(-1.5, -2.0).withStaleAfter(Duration.ofDays(400))).build();
    }

    @Test
    void shouldRaiseAnAlertOnceAndResolveItWithTheSameDedupKey() {
        try (ProgressDriver driver = new ProgressDriver(paceOnly())) {
            driver.target(target("t").build()).report(total("t", "e0", 99, "2020-04-09"));
            assertThat(driver.alerts()).as("the day starts with nothing reported: no report yet").isNotEmpty();
            driver.report(total("t", "e1", 80, "2020-04-10"));

            List<Alert> raised = driver.alerts();
            assertThat(raised).hasSize(1);
            Alert alert = raised.get(0);
            assertThat(alert.getDedupKey()).isEqualTo("t/AT_RISK");
            assertThat(alert.getKind()).isEqualTo(AlertKind.AT_RISK);
            assertThat(alert.getState()).isEqualTo(AlertState.FIRING);
            assertThat(alert.getSeverity()).isEqualTo(Severity.WARNING);
            assertThat(alert.getStatus()).isEqualTo(TargetStatus.AT_RISK);
            assertThat(alert.getPreviousStatus()).isEqualTo(TargetStatus.ON_TRACK);
            assertThat(alert.getDepartmentId()).isEqualTo("housing");
            assertThat(alert.getActual()).isEqualTo(80);
            assertThat(alert.getTargetValue()).isEqualTo(366.0);
            assertThat(alert.getExpectedValue()).isCloseTo(100, within(1e-9)); // as of 10 April, 00:00
            assertThat(alert.getGap()).isCloseTo(80 / 366.0 - 100.0 / 366, within(1e-9));
            assertThat(alert.getMessageZh()).contains("测试目标t", "21.86%", "27.32%", "区房管局");
            assertThat(alert.getMessageEn()).contains("Test target t", "at risk", "21.86%", "27.32%", "Housing Bureau",
                    "Target: 366 households.").doesNotContain("户");
            assertThat(alert.getMessageZh()).contains("目标366户");
            assertThat(driver.<Alert>store(ProgressStores.FIRING_ALERTS).get("t/AT_RISK")).isEqualTo(alert);

            driver.report(total("t", "e2", 81, "2020-04-10"));
            assertThat(driver.alerts()).as("same condition, no new alert").isEmpty();

            driver.report(total("t", "e3", 101, "2020-04-10"));
            List<Alert> resolved = driver.alerts();
            assertThat(resolved).hasSize(1);
            assertThat(resolved.get(0).getDedupKey()).isEqualTo("t/AT_RISK");
            assertThat(resolved.get(0).getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(resolved.get(0).getStatus()).isEqualTo(TargetStatus.ON_TRACK);
            assertThat(resolved.get(0).getFiringSince()).isEqualTo(alert.getFiringSince());
            assertThat(driver.<Alert>store(ProgressStores.FIRING_ALERTS).get("t/AT_RISK")).isNull();
        }
    }

    @Test
    void shouldResolveAtRiskAndFireBehindWhenATargetFallsFurther() {
        try (ProgressDriver driver = new ProgressDriver(paceOnly())) {
            driver.target(target("t").build()).report(total("t", "e1", 80, "2020-04-10"));
            assertThat(driver.<Alert>store(ProgressStores.FIRING_ALERTS).get("t/AT_RISK")).isNotNull();
            driver.alerts();

            driver.report(total("t", "e2", 90, "2020-05-30"));

            List<Alert> alerts = driver.alerts();
            assertThat(alerts).extracting(a -> a.getDedupKey() + " " + a.getState())
                    .containsExactly("t/AT_RISK RESOLVED", "t/BEHIND FIRING");
            assertThat(alerts.get(1).getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(alerts.get(1).getPreviousStatus()).isEqualTo(TargetStatus.AT_RISK);
        }
    }

    @Test
    void shouldRaiseBreachedAndOverdue() {
        try (ProgressDriver driver = new ProgressDriver(paceOnly())) {
            driver.target(Reports.ceiling("c", 100).build())
                    .target(target("june").setDeadline(LocalDate.of(2020, 6, 30)).build())
                    .report(Reports.event("c", "e1", org.jingan.progress.avro.UpdateKind.INCREMENT, 120.0, "2020-03-01")
                            .setUnit("人").build())
                    .report(increment("june", "e2", 360, "2020-06-29"))
                    .report(Reports.event("c", "e3", org.jingan.progress.avro.UpdateKind.INCREMENT, 1.0, "2020-07-02")
                            .setUnit("人").build());

            assertThat(driver.alerts()).extracting(a -> a.getDedupKey() + " " + a.getState())
                    .contains("c/BREACHED FIRING", "june/OVERDUE FIRING");
        }
    }

    @Test
    void shouldRaiseAStaleReportAlertWhenATargetFallsSilentWhileOthersReport() {
        try (ProgressDriver driver = new ProgressDriver(silenceOnly(false))) {
            driver.target(target("quiet").build()).target(target("busy").build())
                    .report(increment("busy", "b0", 1, "2020-01-25"))
                    .report(increment("quiet", "q0", 1, "2020-01-25"))
                    .report(increment("quiet", "q1", 31, "2020-02-01"));
            // 30 days after the last report (noon of 1 February) it is not stale yet
            for (String day : List.of("2020-02-10", "2020-02-20", "2020-03-01", "2020-03-02")) {
                driver.report(increment("busy", "b" + day, 40, day));
            }
            assertThat(driver.alerts()).noneMatch(a -> a.getKind() == AlertKind.STALE_REPORT);

            driver.report(increment("busy", "b-mar-04", 5, "2020-03-04"));

            List<Alert> stale = driver.alerts().stream().filter(a -> a.getKind() == AlertKind.STALE_REPORT).toList();
            assertThat(stale).extracting(Alert::getDedupKey, Alert::getState)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("quiet/STALE_REPORT", AlertState.FIRING));
            assertThat(stale.get(0).getMessageEn()).contains("no progress report for 31 days", "2020-02-01");

            driver.report(increment("quiet", "q2", 30, "2020-03-04"));
            assertThat(driver.alerts()).extracting(a -> a.getDedupKey() + " " + a.getState())
                    .contains("quiet/STALE_REPORT RESOLVED");
        }
    }

    @Test
    void shouldRaiseAStaleReportAlertOnWallClockTimeInLiveMode() {
        // live: the report (sent 04:10Z) is read seconds after it was sent
        try (ProgressDriver driver = new ProgressDriver(silenceOnly(true), Instant.parse("2020-01-20T04:10:05Z"))) {
            driver.target(target("quiet").build()).report(increment("quiet", "q1", 31, "2020-01-20"));
            driver.advanceWallClock(Duration.ofMinutes(1));
            assertThat(driver.alerts()).isEmpty();

            driver.advanceWallClock(Duration.ofDays(31));

            assertThat(driver.alerts()).extracting(a -> a.getDedupKey() + " " + a.getState())
                    .contains("quiet/STALE_REPORT FIRING");
        }
    }

    @Test
    void shouldRaiseForecastMissForATargetOnPaceButSlowingBeforeItFallsBehind() {
        try (ProgressDriver driver = new ProgressDriver(forecastOnly())) {
            driver.target(target("t").build()); // 366 by year end: 1 a day
            LocalDate day = LocalDate.of(2020, 1, 1);
            for (; day.isBefore(LocalDate.of(2020, 7, 1)); day = day.plusDays(1)) {
                driver.report(increment("t", "e" + day, 1, day.toString()));
            }
            assertThat(driver.alerts()).isEmpty();
            assertThat(driver.standing("t").getForecastYearEnd()).isCloseTo(366, within(3.0));
            assertThat(driver.standing("t").getVelocityPerDay()).isCloseTo(1.0, within(0.01));

            for (; day.isBefore(LocalDate.of(2020, 7, 21)); day = day.plusDays(1)) {
                driver.report(increment("t", "e" + day, 0.4, day.toString()));
            }

            // by the default thresholds it is still on track: gap > -0.05
            assertThat(driver.standing("t").getGap()).isGreaterThan(RuleConfig.DEFAULT_AT_RISK_GAP);
            assertThat(driver.standing("t").getForecastYearEnd()).isLessThan(366 * 0.97);
            List<Alert> alerts = driver.alerts();
            assertThat(alerts).extracting(Alert::getDedupKey).containsExactly("t/FORECAST_MISS");
            assertThat(alerts.get(0).getForecastYearEnd()).isLessThan(366 * 0.97);
            assertThat(alerts.get(0).getMessageEn()).contains("projected to miss");
        }
    }

    @Test
    void shouldNotReadABackLoadedPlanAsAForecastMiss() {
        try (ProgressDriver driver = new ProgressDriver(forecastOnly())) {
            driver.target(target("build").setPacePlan(List.of(Reports.point("2020-06-30", 0.1),
                    Reports.point("2020-09-30", 0.4), Reports.point("2020-12-31", 1.0))).build());
            // exactly on plan: 10% of 366 over the first half year, reported weekly
            for (LocalDate day = LocalDate.of(2020, 1, 7); day.isBefore(LocalDate.of(2020, 7, 1)); day = day.plusDays(7)) {
                driver.report(increment("build", "e" + day, 36.6 * 7 / 182, day.toString()));
            }

            assertThat(driver.standing("build").getGap()).isCloseTo(0.0, within(0.01));
            assertThat(driver.standing("build").getForecastYearEnd()).isCloseTo(366, within(15.0));
            assertThat(driver.alerts()).isEmpty();
        }
    }
}
