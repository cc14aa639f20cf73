package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingan.progress.streams.testing.Reports.event;
import static org.jingan.progress.streams.testing.Reports.increment;
import static org.jingan.progress.streams.testing.Reports.target;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.streams.avro.HistoryPoint;
import org.jingan.progress.streams.avro.SeenEvent;
import org.jingan.progress.streams.testing.ProgressDriver;
import org.jingan.progress.streams.testing.Reports;
import org.junit.jupiter.api.Test;

/** When snapshots are published, and how long an event id is remembered. */
class PublishingTest {

    @Test
    void shouldPublishTheFirstReportAtOnceAndTheRestOfABurstAtTheEndOfThePublishInterval() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("t").build()).report(increment("t", "e0", 0, "2020-02-01")); // opens the day
            driver.advanceWallClock(Duration.ofMillis(100)).snapshots();
            for (int i = 1; i <= 5; i++) {
                driver.reportInBurst(increment("t", "e" + i, i, "2020-02-01"));
            }
            assertThat(driver.snapshots()).as("the first of the burst at once").extracting(ProgressSnapshot::getActual)
                    .containsExactly(1.0);
            assertThat(driver.standing("t").getEventCount()).as("the standing store too").isEqualTo(2);

            driver.advanceWallClock(Duration.ofMillis(100));

            List<ProgressSnapshot> published = driver.snapshots();
            assertThat(published).hasSize(1);
            assertThat(published.get(0).getActual()).isEqualTo(15);
            assertThat(published.get(0).getEventCount()).isEqualTo(6);
            assertThat(driver.standing("t")).isEqualTo(published.get(0));
        }
    }

    @Test
    void shouldPublishEveryReportWhenThePublishIntervalIsZero() {
        ProgressTopologyConfig immediate = ProgressDriver.simulated()
                .publishInterval(Duration.ZERO).build();
        try (ProgressDriver driver = new ProgressDriver(immediate)) {
            driver.target(target("t").build()).report(increment("t", "e0", 0, "2020-02-01")); // opens the day
            driver.snapshots();
            for (int i = 1; i <= 5; i++) {
                driver.reportInBurst(increment("t", "e" + i, i, "2020-02-01"));
            }

            assertThat(driver.snapshots()).extracting(ProgressSnapshot::getActual)
                    .containsExactly(1.0, 3.0, 6.0, 10.0, 15.0);
        }
    }

    @Test
    void shouldPublishABacklogTogetherOncePerBacklogIntervalAndStillWriteEveryDaysHistory() {
        // the wall clock is six years past the reports: the task is replaying a backlog
        try (ProgressDriver driver = new ProgressDriver(ProgressDriver.simulated().build(),
                Instant.parse("2026-01-01T00:00:00Z"))) {
            driver.target(target("a").build()).target(target("b").build()).snapshots();
            for (int day = 2; day <= 20; day++) {
                driver.reportInBurst(increment("a", "a" + day, 1, String.format("2020-01-%02d", day)));
                driver.reportInBurst(increment("b", "b" + day, 2, String.format("2020-01-%02d", day)));
            }
            assertThat(driver.snapshots()).as("no snapshot per report or per day in a backlog").isEmpty();

            driver.advanceWallClock(Duration.ofSeconds(1));

            List<ProgressSnapshot> published = driver.snapshots();
            assertThat(published).extracting(ProgressSnapshot::getTargetId).containsExactlyInAnyOrder("a", "b");
            assertThat(driver.standing("a").getActual()).isEqualTo(19);
            assertThat(driver.standing("b").getActual()).isEqualTo(38);
            assertThat(driver.<HistoryPoint>all(ProgressStores.TARGET_HISTORY)).extracting(kv -> kv.key)
                    .as("a history point for every closed day of the backlog")
                    .contains("a|2020-01-02", "a|2020-01-10", "a|2020-01-19", "b|2020-01-19");

            driver.reportInBurst(increment("a", "a21", 1, "2020-01-21"));
            driver.advanceWallClock(Duration.ofMillis(500));
            assertThat(driver.snapshots()).as("within the backlog publish interval").isEmpty();
            driver.advanceWallClock(Duration.ofMillis(500));
            // the new day re-evaluated both targets; the report changed a
            assertThat(driver.snapshots()).extracting(ProgressSnapshot::getTargetId, ProgressSnapshot::getActual)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", 20.0),
                            org.assertj.core.groups.Tuple.tuple("b", 38.0));
        }
    }

    @Test
    void shouldPublishReportsAboutAnEarlierTimeAtTheNextPublishIntervalWhenBacklogHandlingIsOff() {
        ProgressTopologyConfig noBacklog = ProgressDriver.simulated()
                .backlogLag(Duration.ZERO).build();
        try (ProgressDriver driver = new ProgressDriver(noBacklog, Instant.parse("2026-01-01T00:00:00Z"))) {
            driver.target(target("a").build()).clock(Reports.at("2020-01-02")).snapshots();

            driver.reportInBurst(increment("a", "a1", 1, "2020-01-02"));
            driver.reportInBurst(increment("a", "a2", 1, "2020-01-02"));
            assertThat(driver.snapshots()).as("not fresh: they wait for the punctuation").isEmpty();

            driver.advanceWallClock(Duration.ofMillis(100));
            assertThat(driver.snapshots()).as("the publish interval, not the backlog's").extracting(ProgressSnapshot::getActual)
                    .containsExactly(2.0);
        }
    }

    @Test
    void shouldRepublishEveryTargetAtEachNewDayOfTheClockWithItsDailyHistory() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("quiet").build()).target(target("busy").build())
                    .report(increment("quiet", "q", 50, "2020-01-02"));
            driver.snapshots();
            for (int day = 3; day <= 13; day++) {
                driver.report(increment("busy", "b" + day, 1, String.format("2020-01-%02d", day)));
            }

            List<ProgressSnapshot> quiet = driver.snapshotRecords().stream().filter(kv -> kv.key.equals("quiet"))
                    .map(kv -> kv.value).toList();
            // a snapshot for each of the 11 new days, as of that day, with the same pace as the busy target's
            assertThat(quiet).hasSize(11);
            assertThat(quiet).allSatisfy(s -> assertThat(s.getActual()).isEqualTo(50));
            assertThat(quiet.get(10).getAsOf()).isEqualTo(Instant.parse("2020-01-12T16:00:00Z"));
            assertThat(quiet.get(10).getExpectedRatio()).isEqualTo(driver.standing("busy").getExpectedRatio());
            long buckets = driver.<org.jingan.progress.streams.avro.HistoryPoint>all(ProgressStores.TARGET_HISTORY)
                    .stream().filter(kv -> kv.key.startsWith("quiet|")).count();
            assertThat(buckets).isEqualTo(12); // 1 to 12 January
        }
    }

    @Test
    void shouldRememberEventIdsUntilTheRetentionAfterTheYearHasPassed() {
        ProgressTopologyConfig config = ProgressDriver.simulated()
                .dedupRetentionAfterYear(Duration.ofDays(30)).dedupPurgeInterval(Duration.ofDays(1))
                .reportingGrace(Duration.ofDays(60)).build();
        try (ProgressDriver driver = new ProgressDriver(config)) {
            driver.target(target("t").build())
                    .report(increment("t", "e1", 10, "2020-03-01"))
                    .report(increment("t", "jan", 1, "2021-01-20"))
                    .report(increment("t", "e1", 10, "2020-03-01"));
            assertThat(driver.standing("t").getActual()).as("within the retention: a duplicate").isEqualTo(11);
            assertThat(driver.counters().duplicateCount()).isEqualTo(1);

            driver.report(increment("t", "feb", 1, "2021-02-05"));
            assertThat(driver.<SeenEvent>store(ProgressStores.SEEN_EVENTS).get("e1")).as("purged").isNull();
            assertThat(driver.<SeenEvent>store(ProgressStores.SEEN_EVENTS).get("feb")).isNotNull();

            // the purge rebuilt the in-memory id filter: the ids kept, and those after it, are still known
            driver.report(increment("t", "jan", 1, "2021-01-20")).report(increment("t", "feb", 1, "2021-02-05"));
            assertThat(driver.counters().duplicateCount()).isEqualTo(3);
        }
    }

    @Test
    void shouldKeepTheDedupMemoryOfARetractedEvent() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("t").build())
                    .report(increment("t", "e1", 10, "2020-03-01"))
                    .report(event("t", "fix", UpdateKind.CORRECTION, null, "2020-03-02").setCorrectsEventId("e1").build())
                    .report(increment("t", "e1", 10, "2020-03-01"));

            assertThat(driver.standing("t").getActual()).as("a redelivered retracted event stays retracted").isZero();
            assertThat(driver.<SeenEvent>store(ProgressStores.SEEN_EVENTS).get("e1").getRetracted()).isTrue();
        }
    }
}
