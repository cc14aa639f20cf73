package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingan.progress.streams.testing.Reports.correction;
import static org.jingan.progress.streams.testing.Reports.event;
import static org.jingan.progress.streams.testing.Reports.increment;
import static org.jingan.progress.streams.testing.Reports.milestone;
import static org.jingan.progress.streams.testing.Reports.target;
import static org.jingan.progress.streams.testing.Reports.total;

import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.streams.testing.ProgressDriver;
import org.jingan.progress.streams.testing.Reports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How each update kind makes up the actual, in the topology. */
class ActualRulesTest {
    private final ProgressDriver driver = new ProgressDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldAddUpIncrements() {
        driver.target(target("t").build())
                .reports(increment("t", "e1", 10, "2020-02-01"), increment("t", "e2", 5.5, "2020-02-03"));

        assertThat(driver.standing("t").getActual()).isEqualTo(15.5);
        assertThat(driver.standing("t").getEventCount()).isEqualTo(2);
        assertThat(driver.lastSnapshot("t").getActual()).isEqualTo(15.5);
    }

    @Test
    void shouldTakeTheLatestTotalByEventTimeNotByArrival() {
        driver.target(target("t").build())
                .reports(total("t", "e1", 40, "2020-03-31"), total("t", "late", 25, "2020-02-29"));

        assertThat(driver.standing("t").getActual()).isEqualTo(40);
        driver.report(total("t", "e3", 60, "2020-04-30"));
        assertThat(driver.standing("t").getActual()).isEqualTo(60);
        assertThat(driver.standing("t").getEventCount()).isEqualTo(3);
    }

    @Test
    void shouldTakeTheLatestLevelByEventTime() {
        driver.target(Reports.level("g", 6).build())
                .reports(event("g", "q2", UpdateKind.LEVEL, 5.0, "2020-06-30").setUnit("%").build(),
                        event("g", "q1", UpdateKind.LEVEL, 3.0, "2020-03-31").setUnit("%").build());

        assertThat(driver.standing("g").getActual()).isEqualTo(5.0);
    }

    @Test
    void shouldMarkAMilestoneDone() {
        driver.target(milestone("m").build());
        assertThat(driver.standing("m").getStatus()).isNotEqualTo(TargetStatus.COMPLETED);

        driver.report(event("m", "done", UpdateKind.MILESTONE_REACHED, null, "2020-05-20").setUnit("项").build());

        assertThat(driver.standing("m").getActual()).isEqualTo(1.0);
        assertThat(driver.standing("m").getCompletionRatio()).isEqualTo(1.0);
        assertThat(driver.standing("m").getStatus()).isEqualTo(TargetStatus.COMPLETED);
    }

    @Test
    void shouldSubtractACorrectedIncrement() {
        driver.target(target("t").build())
                .reports(increment("t", "e1", 10, "2020-02-01"), increment("t", "wrong", 100, "2020-02-02"),
                        correction("t", "fix", "wrong", "2020-02-03"));

        assertThat(driver.standing("t").getActual()).isEqualTo(10);
        assertThat(driver.standing("t").getEventCount()).isEqualTo(3);
    }

    @Test
    void shouldFallBackToThePreviousTotalWhenTheLatestIsCorrected() {
        driver.target(target("t").build())
                .reports(total("t", "feb", 20, "2020-02-29"), total("t", "mar", 35, "2020-03-31"),
                        total("t", "jan", 10, "2020-01-31"), correction("t", "fix", "mar", "2020-04-02"));

        assertThat(driver.standing("t").getActual()).isEqualTo(20);
    }

    @Test
    void shouldWithdrawACorrectedMilestone() {
        driver.target(milestone("m").build())
                .reports(event("m", "done", UpdateKind.MILESTONE_REACHED, null, "2020-05-20").setUnit("项").build(),
                        correction("m", "undo", "done", "2020-05-21"));

        assertThat(driver.standing("m").getActual()).isEqualTo(0.0);
        assertThat(driver.standing("m").getStatus()).isNotEqualTo(TargetStatus.COMPLETED);
    }

    @Test
    void shouldCountTheSameEventIdOnce() {
        driver.target(target("t").build())
                .reports(increment("t", "e1", 10, "2020-02-01"), increment("t", "e1", 10, "2020-02-01"),
                        increment("t", "e2", 1, "2020-02-02"), increment("t", "e1", 10, "2020-02-01"));

        assertThat(driver.standing("t").getActual()).isEqualTo(11);
        assertThat(driver.standing("t").getEventCount()).isEqualTo(2);
        assertThat(driver.counters().duplicateCount()).isEqualTo(2);
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void shouldCountLateIncrementsWhenTheyArrive() {
        driver.target(target("t").build())
                .reports(increment("t", "jun", 10, "2020-06-01"), increment("t", "jan", 3, "2020-01-15"));

        assertThat(driver.standing("t").getActual()).isEqualTo(13);
        assertThat(driver.standing("t").getLastEventTime()).isEqualTo(Reports.at("2020-06-01"));
    }
}
