package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.jingan.progress.streams.testing.Reports.ceiling;
import static org.jingan.progress.streams.testing.Reports.event;
import static org.jingan.progress.streams.testing.Reports.increment;
import static org.jingan.progress.streams.testing.Reports.point;
import static org.jingan.progress.streams.testing.Reports.target;
import static org.jingan.progress.streams.testing.Reports.total;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.streams.avro.HistoryPoint;
import org.jingan.progress.streams.avro.TargetState;
import org.jingan.progress.streams.rules.RuleConfig;
import org.jingan.progress.streams.testing.ProgressDriver;
import org.jingan.progress.streams.testing.Reports;
import org.junit.jupiter.api.Test;

/** Completion, pace, gap and status of a target, and what a target revision does, in the topology. */
class StandingRulesTest {

    /** 10 April 2020 (standings are as of the start of the clock's day): 100 of 366 days of a linear plan have passed. */
    private static final double EXPECTED_APRIL_10 = 100.0 / 366;

    @Test
    void shouldRateCompletionAgainstTheLinearPaceWithTheDefaultThresholds() {
        try (ProgressDriver driver = new ProgressDriver()) {
            for (String id : List.of("on", "risk", "behind", "done")) {
                driver.target(target(id).build());
            }
            driver.reports(total("on", "e1", 100, "2020-04-10"), total("risk", "e2", 80, "2020-04-10"),
                    total("behind", "e3", 40, "2020-04-10"), total("done", "e4", 366, "2020-04-10"));

            ProgressSnapshot on = driver.standing("on");
            assertThat(on.getCompletionRatio()).isCloseTo(100 / 366.0, within(1e-9));
            assertThat(on.getExpectedRatio()).isCloseTo(EXPECTED_APRIL_10, within(1e-9));
            assertThat(on.getGap()).isCloseTo(100 / 366.0 - EXPECTED_APRIL_10, within(1e-9));
            assertThat(on.getStatus()).isEqualTo(TargetStatus.ON_TRACK);
            assertThat(driver.standing("risk").getStatus()).isEqualTo(TargetStatus.AT_RISK);   // gap -0.056
            assertThat(driver.standing("behind").getStatus()).isEqualTo(TargetStatus.BEHIND); // gap -0.165
            assertThat(driver.standing("done").getStatus()).isEqualTo(TargetStatus.COMPLETED);
            assertThat(on.getAsOf()).isEqualTo(Instant.parse("2020-04-09T16:00:00Z")); // 10 April, 00:00 in Shanghai
        }
    }

    @Test
    void shouldTakeTheThresholdsFromConfiguration() {
        RuleConfig lenient = RuleConfig.defaults().withGaps(-0.10, -0.20);
        try (ProgressDriver driver = new ProgressDriver(ProgressDriver.simulated()
                .rules(lenient).build())) {
            driver.target(target("risk").build()).report(total("risk", "e2", 80, "2020-04-10"));

            assertThat(driver.standing("risk").getStatus()).isEqualTo(TargetStatus.ON_TRACK);
        }
    }

    @Test
    void shouldBeNotStartedWhileNothingIsReportedOrExpected() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("t").build());

            assertThat(driver.standing("t").getStatus()).isEqualTo(TargetStatus.NOT_STARTED);
            assertThat(driver.standing("t").getExpectedRatio()).isEqualTo(0.0);
        }
    }

    @Test
    void shouldInterpolateThePacePlanBetweenCheckpoints() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("t").setPacePlan(List.of(point("2020-03-31", 0.1), point("2020-06-30", 0.4))).build());
            // 45 of the 91 days between the end of 31 March (0.1) and the end of 30 June (0.4): 16 May, 00:00
            driver.report(total("t", "e1", 10, "2020-05-16"));
            assertThat(driver.standing("t").getExpectedRatio()).isCloseTo(0.1 + 0.3 * 45 / 91, within(1e-9));

            // before the first checkpoint the plan rises from 0 on 1 January
            try (ProgressDriver early = new ProgressDriver()) {
                early.target(target("t").setPacePlan(List.of(point("2020-03-31", 0.1), point("2020-06-30", 0.4))).build());
                early.report(total("t", "e1", 1, "2020-02-15"));
                assertThat(early.standing("t").getExpectedRatio()).isCloseTo(0.1 * 45 / 91, within(1e-9));
            }
        }
    }

    @Test
    void shouldReportHeadroomAndBreachOfACeiling() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(ceiling("jobless", 1000).build());
            driver.report(event("jobless", "m1", UpdateKind.LEVEL, 850.0, "2020-03-31").setUnit("人").build());
            ProgressSnapshot ok = driver.standing("jobless");
            assertThat(ok.getHeadroom()).isEqualTo(150.0);
            assertThat(ok.getGap()).isCloseTo(0.15, within(1e-9));
            assertThat(ok.getStatus()).isEqualTo(TargetStatus.ON_TRACK);

            driver.report(event("jobless", "m2", UpdateKind.LEVEL, 950.0, "2020-04-30").setUnit("人").build());
            assertThat(driver.standing("jobless").getStatus()).isEqualTo(TargetStatus.AT_RISK);

            driver.report(event("jobless", "m3", UpdateKind.LEVEL, 1010.0, "2020-05-31").setUnit("人").build());
            ProgressSnapshot breached = driver.standing("jobless");
            assertThat(breached.getHeadroom()).isEqualTo(-10.0);
            assertThat(breached.getStatus()).isEqualTo(TargetStatus.BREACHED);
        }
    }

    @Test
    void shouldCountAnAboutTargetAsMetWithinItsTolerance() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("about").setTargetValue(2000.0).setComparator(Comparator.ABOUT).build())
                    .target(target("least").setTargetValue(2000.0).build())
                    .reports(total("about", "e1", 1920, "2020-11-30"), total("least", "e2", 1920, "2020-11-30"));

            assertThat(driver.standing("about").getStatus()).isEqualTo(TargetStatus.COMPLETED);
            assertThat(driver.standing("least").getStatus()).isNotEqualTo(TargetStatus.COMPLETED);
        }
    }

    @Test
    void shouldTurnOverdueWhenTheDeadlinePassesWithoutAReportOfThatTarget() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("june").setDeadline(LocalDate.of(2020, 6, 30)).build())
                    .target(target("other").build())
                    .report(increment("june", "e1", 100, "2020-06-01"))
                    .report(increment("other", "e2", 1, "2020-06-30"));
            assertThat(driver.standing("june").getStatus()).isNotEqualTo(TargetStatus.OVERDUE);

            driver.report(increment("other", "e3", 1, "2020-07-01"));

            assertThat(driver.standing("june").getStatus()).isEqualTo(TargetStatus.OVERDUE);
            assertThat(driver.standing("june").getAsOf()).isEqualTo(Instant.parse("2020-06-30T16:00:00Z"));
        }
    }

    @Test
    void shouldBePendingUntilTheTargetValueIsSetThenReEvaluateAtOnce() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("quota").setTargetValue(null).build())
                    .report(increment("quota", "e1", 10, "2020-01-10"))
                    .report(increment("quota", "e2", 40, "2020-02-01"));
            ProgressSnapshot pending = driver.standing("quota");
            assertThat(pending.getStatus()).isEqualTo(TargetStatus.PENDING_TARGET);
            assertThat(pending.getCompletionRatio()).isNull();
            assertThat(pending.getActual()).isEqualTo(50);
            driver.snapshots();

            driver.target(target("quota").setTargetValue(500.0).setRevision(2).setRevisionNote("city quota set")
                    .setRevisedBy("User:catalog").setRevisedAt(java.time.Instant.parse("2020-02-01T02:00:00Z")).build());

            ProgressSnapshot revised = driver.lastSnapshot("quota");
            assertThat(revised).as("a revision publishes at once").isNotNull();
            assertThat(revised.getTargetRevision()).isEqualTo(2);
            assertThat(revised.getTargetValue()).isEqualTo(500.0);
            assertThat(revised.getCompletionRatio()).isCloseTo(0.1, within(1e-9));
            assertThat(revised.getStatus()).isNotEqualTo(TargetStatus.PENDING_TARGET);

            // the history keeps the old scope in the buckets before the revision and the new one from it on
            driver.report(increment("quota", "e3", 5, "2020-02-02"));
            HistoryPoint before = driver.<HistoryPoint>store(ProgressStores.TARGET_HISTORY).get("quota|2020-01-10");
            HistoryPoint after = driver.<HistoryPoint>store(ProgressStores.TARGET_HISTORY).get("quota|2020-02-01");
            assertThat(before.getTargetValue()).isNull();
            assertThat(before.getTargetRevision()).isEqualTo(1);
            assertThat(before.getActual()).isEqualTo(10);
            assertThat(after.getTargetValue()).isEqualTo(500.0);
            assertThat(after.getTargetRevision()).isEqualTo(2);
            TargetState state = driver.<TargetState>store(ProgressStores.TARGET_STATE).get("quota");
            assertThat(state.getScopeHistory()).extracting(s -> s.getRevision() + ":" + s.getTargetValue())
                    .containsExactly("1:null", "2:500.0");
            assertThat(state.getScopeHistory().get(1)).as("the history keeps who revised, when and why")
                    .satisfies(change -> {
                        assertThat(change.getNote()).isEqualTo("city quota set");
                        assertThat(change.getRevisedBy()).isEqualTo("User:catalog");
                        assertThat(change.getRevisedAt()).isEqualTo(java.time.Instant.parse("2020-02-01T02:00:00Z").toEpochMilli());
                    });
        }
    }

    @Test
    void shouldRescopeWhenARevisionChangesTheTargetValue() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("t").build()).report(total("t", "e1", 100, "2020-04-10"));
            assertThat(driver.standing("t").getStatus()).isEqualTo(TargetStatus.ON_TRACK);

            driver.target(target("t").setTargetValue(1000.0).setRevision(2).build()); // 10% done, 27% expected

            assertThat(driver.standing("t").getStatus()).isEqualTo(TargetStatus.BEHIND);
            assertThat(driver.standing("t").getTargetRevision()).isEqualTo(2);
        }
    }

    @Test
    void shouldIgnoreTheSameDefinitionPublishedAgain() {
        try (ProgressDriver driver = new ProgressDriver()) {
            driver.target(target("t").build());
            driver.snapshots();

            driver.target(target("t").build());

            assertThat(driver.snapshots()).isEmpty();
        }
    }
}
