package org.jingan.progress.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.monitor.decision.DecisionStore;
import org.jingan.progress.monitor.group.AlertGrouper;
import org.jingan.progress.monitor.group.GroupNotice;
import org.jingan.progress.monitor.group.GroupTimings;
import org.junit.jupiter.api.Test;

/**
 * The demo year's alerts, as the topology raises them, through the monitor's grouping with its default timings:
 * notifications per month before (one webhook call per per-target notice) and after (grouped notices), written to
 * {@code target/demo-year-notifications.md}. The district clock moves minute by minute, as the monitor's forwarder
 * looks at it, and no department gets more than one notice per kind and district day.
 */
class DemoYearGroupedNotificationsTest {
    private static final List<Target> CATALOG = Catalog.loadDefault().targets();
    private static final Duration STEP = Duration.ofMinutes(1);

    @Test
    void shouldSendAtMostOneGroupedNoticePerDepartmentKindAndDistrictDay() throws IOException {
        List<Alert> alerts;
        try (DemoYearReplay replay = new DemoYearReplay().publish(CATALOG)) {
            alerts = new ArrayList<>(replay.replay(DemoGenerator.generate(CATALOG, DemoGenerator.DEFAULT_SEED)).alerts());
        }
        alerts.sort(Comparator.comparing(Alert::getRaisedAt)); // stable: the topic's order within one instant

        AlertGrouper grouper = new AlertGrouper(GroupTimings.DEFAULT, new DecisionStore());
        List<GroupNotice> notices = new ArrayList<>();
        int next = 0;
        Instant end = LocalDate.of(2021, 1, 2).atStartOfDay(DemoGenerator.ZONE).toInstant();
        for (Instant now = alerts.get(0).getRaisedAt(); now.isBefore(end); now = now.plus(STEP)) {
            while (next < alerts.size() && !alerts.get(next).getRaisedAt().isAfter(now)) {
                grouper.observe(alerts.get(next++), now);
            }
            notices.addAll(grouper.due(now, now)); // no operator acts: the wall clock may be the district's
        }

        Map<String, Integer> perGroupAndDay = new HashMap<>();
        notices.forEach(n -> perGroupAndDay.merge(n.group() + "@" + day(n.districtAt()), 1, Integer::sum));
        assertThat(perGroupAndDay.values()).isNotEmpty().allMatch(count -> count == 1);
        assertThat(notices.size()).isLessThan(alerts.size());
        write(table(alerts, notices));
    }

    @Test
    void shouldTurnTheAlertsOfAClockMovedToAprilIntoOneNoticePerDepartmentAndKind() throws IOException {
        Instant april = LocalDate.of(2020, 4, 1).atStartOfDay(DemoGenerator.ZONE).toInstant();
        List<Alert> atTheJump;
        try (DemoYearReplay replay = new DemoYearReplay().publish(CATALOG).jumpClockTo(april)) {
            atTheJump = replay.alerts();
        }
        AlertGrouper grouper = new AlertGrouper(GroupTimings.DEFAULT, new DecisionStore());
        atTheJump.forEach(a -> grouper.observe(a, april));

        List<GroupNotice> notices = grouper.due(april.plus(GroupTimings.DEFAULT.groupWait()), april);

        long groups = atTheJump.stream().map(a -> a.getDepartmentId() + "/" + a.getKind()).distinct().count();
        assertThat(notices).hasSize((int) groups);
        String line = "\nClock moved to 1 April before any report: " + atTheJump.size() + " per-target notices, "
                + notices.size() + " grouped notices.\n";
        Files.writeString(Path.of("target", "demo-year-notifications-april-jump.md"), line);
        System.out.println(line);
    }

    private static String table(List<Alert> alerts, List<GroupNotice> notices) {
        Map<YearMonth, long[]> months = new TreeMap<>(); // per-target FIRING, RESOLVED; grouped FIRING, RESOLVED
        for (Alert a : alerts) {
            months.computeIfAbsent(YearMonth.from(day(a.getRaisedAt())), m -> new long[4])[a.getState() == AlertState.FIRING ? 0 : 1]++;
        }
        for (GroupNotice n : notices) {
            months.computeIfAbsent(YearMonth.from(day(n.districtAt())), m -> new long[4])[n.status() == GroupNotice.Status.FIRING ? 2 : 3]++;
        }
        StringBuilder out = new StringBuilder("| month | per-target notices (firing + resolved) | grouped notices (firing + resolved) |\n|---|---:|---:|\n");
        long[] year = new long[4];
        months.forEach((m, c) -> {
            out.append("| ").append(m).append(" | ").append(c[0] + c[1]).append(" (").append(c[0]).append(" + ").append(c[1])
                    .append(") | ").append(c[2] + c[3]).append(" (").append(c[2]).append(" + ").append(c[3]).append(") |\n");
            for (int i = 0; i < 4; i++) {
                year[i] += c[i];
            }
        });
        out.append("| year | ").append(year[0] + year[1]).append(" | ").append(year[2] + year[3]).append(" |\n");
        return out.toString();
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, DemoGenerator.ZONE);
    }

    private static void write(String table) throws IOException {
        Path dir = Files.createDirectories(Path.of("target"));
        Files.writeString(dir.resolve("demo-year-notifications.md"), "# Demo year: webhook notifications per month\n\n" + table);
        System.out.println(table);
    }
}
