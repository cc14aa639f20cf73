package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingan.progress.streams.testing.Reports.event;
import static org.jingan.progress.streams.testing.Reports.increment;
import static org.jingan.progress.streams.testing.Reports.target;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.streams.rules.RejectionReason;
import org.jingan.progress.streams.testing.ProgressDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A report for a target the topology does not know yet is held for {@code unknownTargetGrace}: counted when its
 * target arrives, dead-lettered as UNKNOWN_TARGET when the grace runs out; one test per path.
 */
class HeldReportsTest {
    private static final Duration GRACE = Duration.ofMinutes(1);

    private ProgressDriver driver = new ProgressDriver(ProgressDriver.simulated()
            .unknownTargetGrace(GRACE).build());

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void shouldCountAReportThatCameBeforeItsTargetWhenTheTargetArrives() {
        driver.report(increment("late", "e1", 2, "2020-02-01"))
                .report(increment("late", "e2", 3, "2020-02-02"));

        assertThat(driver.standing("late")).isNull();
        assertThat(driver.<ProgressEvent>all(ProgressStores.HELD_REPORTS)).hasSize(2);
        assertThat(driver.counters().heldCount()).as("the gauge").isEqualTo(2);

        driver.target(target("late").build());

        assertThat(driver.standing("late").getActual()).isEqualTo(5.0);
        assertThat(driver.<ProgressEvent>all(ProgressStores.HELD_REPORTS)).isEmpty();
        assertThat(driver.counters().heldCount()).isZero();
        assertThat(driver.deadLetters()).isEmpty();
        driver.advanceWallClock(GRACE.multipliedBy(2));
        assertThat(driver.deadLetters()).as("nothing left to expire").isEmpty();
    }

    @Test
    void shouldDeadLetterAHeldReportWhoseTargetNeverCameOnceTheGraceRunsOut() {
        ProgressEvent orphan = increment("nobody", "x1", 1, "2020-02-02");

        driver.report(orphan).advanceWallClock(GRACE.minusSeconds(5));
        assertThat(driver.deadLetters()).as("still within the grace").isEmpty();

        driver.advanceWallClock(Duration.ofSeconds(10));
        List<TestRecord<byte[], byte[]>> dead = driver.deadLetters();
        assertThat(dead).hasSize(1);
        TestRecord<byte[], byte[]> letter = dead.get(0);
        assertThat(driver.serdes().events().deserializer().deserialize("progress-dead-letters", letter.value()))
                .as("the report itself, re-encoded").isEqualTo(orphan);
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("nobody");
        assertThat(header(letter, "progress.rejection.reason")).isEqualTo("UNKNOWN_TARGET");
        assertThat(header(letter, "progress.rejection.message")).contains("No target 'nobody' is known")
                .contains("held PT1M");
        assertThat(header(letter, "__streams.errors.topic")).isEqualTo("progress-events");
        assertThat(header(letter, "__streams.errors.offset")).isNotNull();
        assertThat(driver.counters().rejectedCount(RejectionReason.UNKNOWN_TARGET)).isEqualTo(1);
        assertThat(driver.<ProgressEvent>all(ProgressStores.HELD_REPORTS)).isEmpty();
        assertThat(driver.counters().heldCount()).isZero();
    }

    @Test
    void shouldCountARedeliveredHeldReportOnce() {
        ProgressEvent report = increment("late", "e1", 2, "2020-02-01");

        driver.report(report).report(report);
        assertThat(driver.counters().heldCount()).as("held once").isEqualTo(1);
        driver.target(target("late").build());

        assertThat(driver.standing("late").getActual()).isEqualTo(2.0);
        assertThat(driver.counters().duplicateCount()).isEqualTo(1);
    }

    @Test
    void shouldRefuseADifferentReportUnderTheIdOfAHeldOne() {
        driver.report(increment("late", "e1", 2, "2020-02-01"))
                .report(increment("late", "e1", 3, "2020-02-01"));

        assertThat(driver.deadLetters()).extracting(r -> header(r, "progress.rejection.reason"))
                .containsExactly("EVENT_ID_REUSED");
        driver.target(target("late").build());
        assertThat(driver.standing("late").getActual()).as("the first one is counted").isEqualTo(2.0);
    }

    @Test
    void shouldRefuseAHeldReportItsArrivingTargetDoesNotAccept() {
        driver.report(event("late", "x2", UpdateKind.INCREMENT, 1.0, "2020-02-02").setUnit("台").build())
                .report(increment("late", "ok", 4, "2020-02-02"))
                .target(target("late").build());

        assertThat(driver.deadLetters()).extracting(r -> header(r, "progress.rejection.reason"))
                .containsExactly("UNIT_MISMATCH");
        assertThat(driver.counters().rejectedCount(RejectionReason.UNIT_MISMATCH)).isEqualTo(1);
        assertThat(driver.standing("late").getActual()).as("the others are counted").isEqualTo(4.0);
    }

    @Test
    void shouldDeadLetterAtOnceWithoutAGrace() {
        driver.close();
        driver = new ProgressDriver(ProgressDriver.simulated()
                .unknownTargetGrace(Duration.ZERO).build());
        ProgressEvent orphan = increment("nobody", "x1", 1, "2020-02-02");
        byte[] original = driver.serdes().events().serializer().serialize("progress-events", orphan);

        driver.report(orphan);

        List<TestRecord<byte[], byte[]>> dead = driver.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).as("the original bytes").isEqualTo(original);
        assertThat(header(dead.get(0), "progress.rejection.reason")).isEqualTo("UNKNOWN_TARGET");
        assertThat(driver.<ProgressEvent>all(ProgressStores.HELD_REPORTS)).isEmpty();
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
