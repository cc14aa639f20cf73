package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingan.progress.streams.testing.Reports.at;
import static org.jingan.progress.streams.testing.Reports.event;
import static org.jingan.progress.streams.testing.Reports.increment;
import static org.jingan.progress.streams.testing.Reports.target;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.streams.test.TestRecord;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.streams.rules.RejectionReason;
import org.jingan.progress.streams.rules.RuleConfig;
import org.jingan.progress.streams.testing.ProgressDriver;
import org.junit.jupiter.api.Test;

/**
 * One clock for the district: every task judges at the district clock's date, whatever the reports it reads claim.
 * Each test is an observation made on the stream-time clock, where "now" was each partition's newest event time.
 * Two drivers stand for two partitions (two tasks): they share nothing but the clock's ticks.
 */
class DistrictClockTest {

    @Test
    void shouldShowTheSameExpectedByNowForTargetsOnDifferentPartitionsAtOneClockDate() {
        try (ProgressDriver busy = new ProgressDriver(); ProgressDriver idle = new ProgressDriver()) {
            busy.target(target("busy").build()).report(increment("busy", "b1", 30, "2020-03-20"));
            idle.target(target("idle").build());

            Instant april30 = at("2020-04-30");
            busy.clock(april30);
            idle.clock(april30);

            ProgressSnapshot b = busy.standing("busy");
            ProgressSnapshot i = idle.standing("idle");
            assertThat(i.getAsOf()).isEqualTo(b.getAsOf()).isEqualTo(Instant.parse("2020-04-29T16:00:00Z"));
            assertThat(i.getExpectedRatio()).isEqualTo(b.getExpectedRatio()).isEqualTo(120.0 / 366);
        }
    }

    @Test
    void shouldRaiseAStaleReportAlertForATargetWhosePartitionGetsNoRecord() {
        try (ProgressDriver driver = new ProgressDriver(ProgressDriver.simulated()
                .rules(RuleConfig.defaults().withGaps(-1.5, -2.0)).build())) {
            driver.target(target("quiet").build()).report(increment("quiet", "q1", 20, "2020-01-20"));
            driver.alerts();

            // no record reaches this task again: only the clock moves
            driver.clock(at("2020-02-19"));
            assertThat(driver.alerts()).as("30 days after noon of 20 January: not yet").isEmpty();
            driver.clock(at("2020-02-21"));

            assertThat(driver.alerts()).filteredOn(a -> a.getKind() == AlertKind.STALE_REPORT).extracting(Alert::getDedupKey, Alert::getState)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("quiet/STALE_REPORT", AlertState.FIRING));
            assertThat(driver.standing("quiet").getAsOf()).isEqualTo(Instant.parse("2020-02-20T16:00:00Z"));
        }
    }

    @Test
    void shouldRefuseAReportDatedAfterTheClockAndMoveNothing() {
        try (ProgressDriver driver = new ProgressDriver()) {
            for (String id : List.of("t", "other", "third")) {
                driver.target(target(id).build());
            }
            driver.report(increment("t", "e1", 50, "2020-03-01")).report(increment("other", "o1", 50, "2020-03-01"))
                    .report(increment("third", "r1", 50, "2020-03-01"));
            ProgressSnapshot before = driver.standing("other");
            driver.snapshots();
            driver.alerts();

            ProgressEvent misdated = event("t", "x2025", UpdateKind.INCREMENT, 7.0, "2025-03-01")
                    .setReportedAt(Instant.parse("2025-03-01T04:10:00Z")).build();
            driver.send(misdated);

            List<TestRecord<byte[], byte[]>> dead = driver.deadLetters();
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).headers().lastHeader("progress.rejection.reason").value(),
                    StandardCharsets.UTF_8)).isEqualTo(RejectionReason.EVENT_TIME_OUT_OF_RANGE.name());
            assertThat(driver.alerts()).as("no target went overdue").isEmpty();
            assertThat(driver.standing("t").getActual()).isEqualTo(50);
            assertThat(driver.standing("other")).isEqualTo(before);
            assertThat(driver.standing("other").getStatus()).isNotEqualTo(TargetStatus.OVERDUE);

            // the dedup memory did not expire: redeliveries of counted reports are still dropped
            for (int i = 0; i < 50; i++) {
                driver.send(increment("other", "o1", 50, "2020-03-01"));
            }
            assertThat(driver.counters().duplicateCount()).isEqualTo(50);
            assertThat(driver.standing("other").getActual()).isEqualTo(50);
        }
    }

    @Test
    void shouldAcceptAReportDatedUpToTheClockAndRefuseOneAfterTheDeadlineAndItsGrace() {
        try (ProgressDriver driver = new ProgressDriver(ProgressDriver.simulated()
                .maxEventTimeAhead(Duration.ofHours(1)).reportingGrace(Duration.ofDays(31)).build())) {
            driver.target(target("t").build()).clock(Instant.parse("2020-03-01T04:00:00Z"));

            driver.send(event("t", "in", UpdateKind.INCREMENT, 1.0, "2020-03-01")
                    .setEventTime(Instant.parse("2020-03-01T04:59:00Z")).build());
            driver.send(event("t", "ahead", UpdateKind.INCREMENT, 1.0, "2020-03-01")
                    .setEventTime(Instant.parse("2020-03-01T05:01:00Z")).build());
            assertThat(driver.standing("t").getActual()).isEqualTo(1);

            driver.clock(at("2021-03-15"));
            driver.send(event("t", "late-but-in-grace", UpdateKind.INCREMENT, 1.0, "2021-01-30").build());
            driver.send(event("t", "after-grace", UpdateKind.INCREMENT, 1.0, "2021-02-02").build());

            assertThat(driver.standing("t").getActual()).isEqualTo(2);
            assertThat(driver.deadLetters()).extracting(r -> new String(r.headers()
                    .lastHeader("progress.rejection.reason").value(), StandardCharsets.UTF_8))
                    .containsExactly("EVENT_TIME_OUT_OF_RANGE", "EVENT_TIME_OUT_OF_RANGE");
        }
    }

    @Test
    void shouldForecastASilentTargetFromTheClockNotFromItsLastReport() {
        try (ProgressDriver driver = new ProgressDriver()) {
            // 50 elevator retrofits by year end, reported on pace every week until the middle of August
            driver.target(target("lifts").setTargetValue(50.0).build());
            int n = 0;
            for (LocalDate day = LocalDate.of(2020, 1, 8); day.isBefore(LocalDate.of(2020, 8, 15)); day = day.plusDays(7)) {
                driver.report(increment("lifts", "w" + n++, 50.0 * 7 / 366, day.toString()));
            }
            ProgressSnapshot august = driver.standing("lifts");
            assertThat(august.getForecastYearEnd()).isBetween(45.0, 55.0);

            driver.clock(at("2020-11-30"));

            ProgressSnapshot november = driver.standing("lifts");
            assertThat(november.getStatus()).isEqualTo(TargetStatus.BEHIND);
            assertThat(november.getForecastYearEnd()).as("three and a half silent months lower the pace")
                    .isLessThan(november.getActual() + 2);
            assertThat(november.getForecastCompletionDate()).as("never a date already past").satisfiesAnyOf(
                    d -> assertThat(d).isNull(), d -> assertThat(d).isAfterOrEqualTo(LocalDate.of(2020, 11, 30)));
            // BEHIND inhibits FORECAST_MISS: the BEHIND alert carries the projection
            List<Alert> firing = driver.alerts().stream().filter(a -> a.getState() == AlertState.FIRING).toList();
            assertThat(firing).extracting(Alert::getKind).contains(AlertKind.BEHIND).doesNotContain(AlertKind.FORECAST_MISS);
            assertThat(firing).filteredOn(a -> a.getKind() == AlertKind.BEHIND)
                    .allSatisfy(a -> assertThat(a.getForecastYearEnd()).isLessThan(50));
        }
    }

    @Test
    void shouldStampAlertsWithTheTimeTheyWereRaisedAndKeepTheBusinessDateInTheValue() {
        Instant wall = Instant.parse("2026-12-06T03:00:00Z");
        try (ProgressDriver driver = new ProgressDriver(ProgressDriver.simulated().build(), wall)) {
            driver.target(target("t").build(), wall).clock(at("2020-04-10"));

            List<TestRecord<String, Alert>> raised = driver.alertRecords();

            assertThat(raised).isNotEmpty().allSatisfy(r -> {
                assertThat(r.timestamp()).as("record time: when it was raised").isBetween(wall.toEpochMilli(),
                        driver.wallClock().toEpochMilli());
                assertThat(r.value().getRaisedAt()).as("business time: the clock's day")
                        .isEqualTo(Instant.parse("2020-04-09T16:00:00Z"));
            });
            assertThat(Topics.ALERTS.configs()).as("kept per dedup key, never deleted by time")
                    .containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
        }
    }

    @Test
    void shouldNeverRunTheClockBackwards() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("t").build()).clock(at("2020-06-01"));
            Instant asOf = driver.standing("t").getAsOf();

            driver.clock(at("2020-02-01"));

            assertThat(driver.standing("t").getAsOf()).isEqualTo(asOf);
        }
    }
}
