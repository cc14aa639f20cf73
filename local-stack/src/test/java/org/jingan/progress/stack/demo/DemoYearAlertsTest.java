package org.jingan.progress.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.catalog.Catalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo year's alerts, as the topology raises them with the default rules: counted per month, kind and department
 * (written to {@code target/demo-year-alerts.md} and {@code .csv}, the figures of the alert-rules note). Two runs:
 * the replay from 1 January, and a stack started with its clock on 1 April (the reports of the first quarter then
 * arrive at once, after the day close that judged every target without them).
 */
class DemoYearAlertsTest {
    private static final List<Target> CATALOG = Catalog.loadDefault().targets();
    private static final DemoScript SCRIPT = DemoGenerator.generate(CATALOG, DemoGenerator.DEFAULT_SEED);
    private static final Instant APRIL_FIRST = LocalDate.of(2020, 4, 1).atStartOfDay(DemoGenerator.ZONE).toInstant();

    private static List<Alert> year;
    private static int deadLetters;
    /** Raised by the jump to 1 April, before any report. */
    private static List<Alert> atTheJump;
    private static List<Alert> afterTheJump;
    /** Milestones not reported done in the year: their status at its end. */
    private static Map<String, TargetStatus> milestonesLeftOpen = new TreeMap<>();

    @BeforeAll
    static void replayTheYear() {
        try (DemoYearReplay replay = new DemoYearReplay().publish(CATALOG).replay(SCRIPT)) {
            year = replay.alerts();
            deadLetters = replay.deadLetters();
            Set<String> done = SCRIPT.reports().stream().filter(r -> r.kind() == UpdateKind.MILESTONE_REACHED)
                    .map(DemoReport::targetId).collect(Collectors.toSet());
            CATALOG.stream().filter(t -> t.getKind() == TargetKind.MILESTONE && !done.contains(t.getId()))
                    .forEach(t -> milestonesLeftOpen.put(t.getId(), replay.standing(t.getId()).getStatus()));
        }
        try (DemoYearReplay replay = new DemoYearReplay().publish(CATALOG).jumpClockTo(APRIL_FIRST)) {
            atTheJump = replay.alerts();
            afterTheJump = replay.replay(SCRIPT).alerts();
        }
        AlertTally tally = AlertTally.of(year);
        String note = "# Demo year (seed " + SCRIPT.seed() + "): alerts per month\n\n"
                + "Replayed from 1 January:\n\n" + tally.monthTable()
                + "\nClock moved to 1 April before the first report: " + AlertTally.of(atTheJump).firing()
                + " alerts fired at the jump (" + AlertTally.of(atTheJump).kinds() + "; "
                + atTheJump.stream().map(a -> a.getDepartmentId() + "/" + a.getKind()).distinct().count()
                + " department and kind groups), then:\n\n"
                + AlertTally.of(afterTheJump).monthTable();
        write("demo-year-alerts.md", note);
        write("demo-year-alerts.csv", tally.departmentCsv());
        System.out.println(note);
    }

    @Test
    void shouldCountEveryDemoReport() {
        assertThat(deadLetters).isZero();
        assertThat(year).isNotEmpty();
    }

    @Test
    void shouldMeetTheFirstQuarterWithOneNoReportYetConditionPerUnreportedTarget() {
        assertThat(atTheJump).isNotEmpty().allSatisfy(a -> {
            assertThat(a.getKind()).isEqualTo(AlertKind.NO_REPORT_YET);
            assertThat(a.getState()).isEqualTo(AlertState.FIRING);
        });
        assertThat(atTheJump.stream().map(Alert::getTargetId).distinct()).hasSize(atTheJump.size());
    }

    @Test
    void shouldRaiseNoPaceOrStaleAlertForATargetBeforeItsFirstReport() {
        Map<String, LocalDate> firstReport = new HashMap<>();
        for (DemoReport r : SCRIPT.reports()) {
            firstReport.putIfAbsent(r.targetId(), LocalDate.ofInstant(r.eventTime(), DemoGenerator.ZONE));
        }
        Set<AlertKind> needReports = EnumSet.of(AlertKind.AT_RISK, AlertKind.BEHIND, AlertKind.STALE_REPORT);
        Set<String> milestones = CATALOG.stream().filter(t -> t.getKind() == TargetKind.MILESTONE)
                .map(Target::getId).collect(Collectors.toSet());
        assertThat(year).filteredOn(a -> needReports.contains(a.getKind()) && !milestones.contains(a.getTargetId()))
                .allSatisfy(a -> assertThat(LocalDate.ofInstant(a.getRaisedAt(), DemoGenerator.ZONE))
                        .as(a.getDedupKey()).isAfterOrEqualTo(firstReport.get(a.getTargetId())));
    }

    @Test
    void shouldNeverHaveAForecastMissFiringWhileBehindOrBreachedFires() {
        Map<String, Set<AlertKind>> firing = new HashMap<>();
        for (Alert a : year) {
            Set<AlertKind> now = firing.computeIfAbsent(a.getTargetId(), id -> EnumSet.noneOf(AlertKind.class));
            if (a.getState() == AlertState.FIRING) {
                now.add(a.getKind());
            } else {
                now.remove(a.getKind());
            }
            if (now.contains(AlertKind.FORECAST_MISS)) {
                assertThat(now).as(a.getTargetId()).doesNotContain(AlertKind.BEHIND, AlertKind.BREACHED);
            }
        }
    }

    @Test
    void shouldLeaveNoMilestoneNotDoneOnTrackAtTheEndOfTheYear() {
        assertThat(milestonesLeftOpen).isNotEmpty().allSatisfy((id, status) ->
                assertThat(status).as(id).isIn(TargetStatus.AT_RISK, TargetStatus.BEHIND));
    }

    private static void write(String name, String text) {
        try {
            Path dir = Path.of("target");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
