package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingan.progress.streams.testing.Reports.correction;
import static org.jingan.progress.streams.testing.Reports.event;
import static org.jingan.progress.streams.testing.Reports.increment;
import static org.jingan.progress.streams.testing.Reports.milestone;
import static org.jingan.progress.streams.testing.Reports.target;
import static org.jingan.progress.streams.testing.Reports.total;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.streams.rules.RejectionReason;
import org.jingan.progress.streams.testing.ProgressDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input goes to the dead-letter topic with the reason and the original bytes; processing goes on. (A report for an
 * unknown target is held first: {@link HeldReportsTest}.)
 */
class DeadLetterTest {
    private ProgressDriver driver;

    @BeforeEach
    void setUp() {
        driver = new ProgressDriver();
        driver.target(target("t").build()).target(milestone("m").build()).target(target("c").build())
                .report(increment("t", "ok1", 1, "2020-02-01"));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    static Stream<Arguments> badReports() {
        return Stream.of(
                Arguments.of(event("t", "x2", UpdateKind.INCREMENT, 1.0, "2020-02-02").setUnit("台").build(),
                        RejectionReason.UNIT_MISMATCH),
                Arguments.of(event("m", "x3", UpdateKind.INCREMENT, 1.0, "2020-02-02").setUnit("项").build(),
                        RejectionReason.KIND_MISMATCH),
                Arguments.of(event("t", "x4", UpdateKind.MILESTONE_REACHED, null, "2020-02-02").build(),
                        RejectionReason.KIND_MISMATCH),
                Arguments.of(increment("t", "x5", -3, "2020-02-02"), RejectionReason.IMPOSSIBLE_VALUE),
                Arguments.of(increment("t", "x6", Double.NaN, "2020-02-02"), RejectionReason.IMPOSSIBLE_VALUE),
                Arguments.of(increment("t", "x7", Double.POSITIVE_INFINITY, "2020-02-02"), RejectionReason.IMPOSSIBLE_VALUE),
                Arguments.of(event("t", "x8", UpdateKind.INCREMENT, null, "2020-02-02").build(),
                        RejectionReason.IMPOSSIBLE_VALUE),
                Arguments.of(total("c", "x9", -1, "2020-02-02"), RejectionReason.IMPOSSIBLE_VALUE),
                Arguments.of(event("t", "x10", UpdateKind.INCREMENT, 1.0, "2020-02-02").setDepartmentId("commerce").build(),
                        RejectionReason.DEPARTMENT_MISMATCH),
                Arguments.of(total("t", "x11", 10, "2020-02-02"), RejectionReason.MODE_CONFLICT),
                Arguments.of(correction("t", "x12", "never-sent", "2020-02-02"), RejectionReason.UNKNOWN_CORRECTED_EVENT),
                Arguments.of(correction("t", "x13", null, "2020-02-02"), RejectionReason.INVALID_EVENT),
                Arguments.of(increment("t", "ok1", 2, "2020-02-01"), RejectionReason.EVENT_ID_REUSED),
                Arguments.of(event("t", "x14", UpdateKind.INCREMENT, 1.0, "2020-02-02")
                        .setReportedAt(Instant.parse("2020-01-20T00:00:00Z")).build(), RejectionReason.IMPOSSIBLE_TIME),
                Arguments.of(increment("t", "x15", 1, "2019-12-20"), RejectionReason.EVENT_TIME_OUT_OF_RANGE));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badReports")
    void shouldDeadLetterABadReportWithItsReasonAndBytesAndGoOn(ProgressEvent bad, RejectionReason reason) {
        byte[] original = driver.serdes().events().serializer().serialize("progress-events", bad);

        driver.report(bad).report(increment("t", "ok2", 2, "2020-02-03"));

        List<TestRecord<byte[], byte[]>> dead = driver.deadLetters();
        assertThat(dead).hasSize(1);
        TestRecord<byte[], byte[]> letter = dead.get(0);
        assertThat(letter.value()).isEqualTo(original);
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(bad.getTargetId());
        assertThat(header(letter, "progress.rejection.reason")).isEqualTo(reason.name());
        assertThat(header(letter, "__streams.errors.message")).startsWith(reason.name() + ": ");
        assertThat(header(letter, "__streams.errors.topic")).isEqualTo("progress-events");
        assertThat(driver.counters().rejectedCount(reason)).isEqualTo(1);
        assertThat(driver.standing("t").getActual()).as("processing goes on").isEqualTo(3);
    }

    @Test
    void shouldDeadLetterUndecodableBytesAndGoOn() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);

        driver.rawEvent("t", garbage, Instant.parse("2020-02-02T00:00:00Z"))
                .report(increment("t", "ok2", 2, "2020-02-03"));

        List<TestRecord<byte[], byte[]>> dead = driver.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(header(dead.get(0), "progress.rejection.reason")).isEqualTo("UNDECODABLE");
        assertThat(header(dead.get(0), "__streams.errors.message")).contains("magic byte");
        assertThat(driver.counters().rejectedCount(RejectionReason.UNDECODABLE)).isEqualTo(1);
        assertThat(driver.standing("t").getActual()).isEqualTo(3);
    }

    @Test
    void shouldDeadLetterAnInvalidTargetAndAnOlderRevision() {
        driver.target(target("bad").setTargetValue(-5.0).build())
                .target(target("t").setRevision(3).build())
                .target(target("t").setRevision(2).setTargetValue(1.0).build());

        assertThat(driver.deadLetters()).extracting(r -> header(r, "progress.rejection.reason"))
                .containsExactly("INVALID_TARGET", "STALE_TARGET_REVISION");
        assertThat(driver.standing("bad")).isNull();
        assertThat(driver.standing("t").getTargetValue()).isEqualTo(366.0);
    }

    @Test
    void shouldDeadLetterATombstoneOnTheEventsTopic() {
        driver.rawEvent("t", null, Instant.parse("2020-02-02T00:00:00Z"));

        assertThat(driver.deadLetters()).extracting(r -> header(r, "progress.rejection.reason"))
                .containsExactly("INVALID_EVENT");
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
