package org.jingan.progress.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.intake.TestTargets;
import org.jingan.progress.intake.delivery.Delivery;
import org.jingan.progress.intake.delivery.StoredEvent;
import org.jingan.progress.intake.service.KnownEvents.CorrectionProblem;
import org.jingan.progress.intake.validation.TargetDirectory;
import org.junit.jupiter.api.Test;

/**
 * The memory of stored events decides as the streams app will: what counts as the same report, when an id is
 * forgotten, which corrections can be counted, and what it learns from the topic.
 */
class KnownEventsTest {
    /** The district clock, moved by the test. */
    private final AtomicLong now = new AtomicLong(Instant.parse("2020-07-01T02:00:00Z").toEpochMilli());
    private final DistrictClock clock = new DistrictClock() {
        @Override
        public long millis() {
            return now.get();
        }

        @Override
        public boolean live() {
            return false;
        }
    };
    private final DedupHorizon horizon = new DedupHorizon(DedupHorizon.DEFAULT_AFTER_YEAR, TestTargets.ZONE,
            TargetDirectory.of(TestTargets.ALL));
    private final KnownEvents known = new KnownEvents(clock, horizon, 100);
    private long offset;

    private ProgressEvent report(String eventId, String targetId, double value) {
        return ProgressEvent.newBuilder().setEventId(eventId).setTargetId(targetId).setDepartmentId("construction")
                .setReporter("王工").setKind(UpdateKind.INCREMENT).setValue(value).setUnit("台")
                .setEventTime(Instant.parse("2020-06-30T00:00:00Z")).setReportedAt(Instant.ofEpochMilli(now.get()))
                .setChannel("HTTP").build();
    }

    private ProgressEvent correction(String eventId, String targetId, String corrects) {
        return ProgressEvent.newBuilder(report(eventId, targetId, 0)).setKind(UpdateKind.CORRECTION).setValue(null)
                .setCorrectsEventId(corrects).build();
    }

    private StoredEvent stored(ProgressEvent event) {
        return new StoredEvent(event, new Delivery("progress-events", 3, offset++, Instant.parse("2020-07-01T02:00:00Z")));
    }

    /** Claims and completes as an acknowledged send does. */
    private void accept(ProgressEvent event) {
        var fresh = (KnownEvents.Fresh) known.claim(event);
        fresh.promise().complete(new AcceptedEvent(null, null, event.getEventId(), event.getTargetId(), 0, offset++, Instant.EPOCH));
    }

    @Test
    void shouldTellARetryFromAReusedIdByWhatTheStreamsAppCompares() {
        accept(report("e1", "c-elevators", 3));

        var sameButNote = ProgressEvent.newBuilder(report("e1", "c-elevators", 3)).setNote("typo fixed").setReporter("李工").build();
        assertThat(known.claim(sameButNote)).as("reporter and note are not compared").isInstanceOf(KnownEvents.Known.class);
        assertThat(known.claim(report("e1", "c-elevators", 4))).isInstanceOf(KnownEvents.Conflict.class);
        assertThat(known.claim(report("e1", "c-wet-waste", 3))).as("another target").isInstanceOf(KnownEvents.Conflict.class);
        var laterTime = ProgressEvent.newBuilder(report("e1", "c-elevators", 3)).setEventTime(Instant.parse("2020-06-30T00:00:01Z")).build();
        assertThat(known.claim(laterTime)).isInstanceOf(KnownEvents.Conflict.class);
    }

    @Test
    void shouldAnswerAnEventReadFromTheTopicWithWhereItIsStored() {
        known.learn(stored(report("e2", "c-elevators", 5)));

        var claim = known.claim(report("e2", "c-elevators", 5));

        assertThat(claim).isInstanceOfSatisfying(KnownEvents.Known.class, k -> assertThat(k.promise().join())
                .isEqualTo(new AcceptedEvent(null, null, "e2", "c-elevators", 3, 0, Instant.parse("2020-07-01T02:00:00Z"))));
        assertThat(known.claim(report("e2", "c-elevators", 6))).isInstanceOf(KnownEvents.Conflict.class);
    }

    @Test
    void shouldForgetAnIdOnlyAfterItsTargetsYearEndedAndTheHorizonPassed() {
        accept(report("e3", "c-elevators", 1));

        now.set(Instant.parse("2021-03-01T15:59:59Z").toEpochMilli()); // 2021-01-01 Shanghai + 60 d, minus a second
        assertThat(known.claim(report("e3", "c-elevators", 2))).isInstanceOf(KnownEvents.Conflict.class);
        now.set(Instant.parse("2021-03-01T16:00:01Z").toEpochMilli());
        assertThat(known.claim(report("e3", "c-elevators", 2))).isInstanceOf(KnownEvents.Fresh.class);
    }

    @Test
    void shouldRefuseTheCorrectionsTheStreamsAppWouldDeadLetter() {
        accept(report("e4", "c-elevators", 1));
        accept(report("e5", "c-wet-waste", 1));

        assertThat(reserve(correction("c1", "c-elevators", "nobody-knows"))).isEqualTo(CorrectionProblem.UNKNOWN);
        assertThat(reserve(correction("c2", "c-elevators", "e5"))).isEqualTo(CorrectionProblem.OTHER_TARGET);
        assertThat(reserve(correction("c3", "c-elevators", "e4"))).isNull();
        assertThat(reserve(correction("c4", "c-elevators", "e4"))).isEqualTo(CorrectionProblem.ALREADY_RETRACTED);
        assertThat(reserve(correction("c5", "c-elevators", "c3"))).isEqualTo(CorrectionProblem.A_CORRECTION);
        assertThat(known.reserveRetraction(correction("c3", "c-elevators", "e4"))).as("the same correction again").isNull();
    }

    @Test
    void shouldGiveBackTheRetractionOfACorrectionThatWasNotStored() {
        accept(report("e6", "c-elevators", 1));
        ProgressEvent first = correction("c6", "c-elevators", "e6");
        var claim = (KnownEvents.Fresh) known.claim(first);
        assertThat(known.reserveRetraction(first)).isNull();

        known.release("c6", claim.promise());

        assertThat(reserve(correction("c7", "c-elevators", "e6"))).isNull();
    }

    @Test
    void shouldKeepAClaimReadBackFromTheTopicThoughItsAcknowledgementFailed() {
        ProgressEvent event = report("e7", "c-elevators", 1);
        var claim = (KnownEvents.Fresh) known.claim(event);

        known.learn(stored(event)); // it is stored after all
        known.release("e7", claim.promise());
        claim.promise().completeExceptionally(new IllegalStateException("timed out"));

        assertThat(claim.promise().join().offset()).isZero();
        assertThat(known.claim(report("e7", "c-elevators", 2))).isInstanceOf(KnownEvents.Conflict.class);
    }

    @Test
    void shouldLearnFromTheTopicOnlyWhatTheStreamsAppCounts() {
        known.learn(stored(report("e8", "c-elevators", 1)));
        known.learn(stored(report("e8", "c-elevators", 9))); // dead-lettered as EVENT_ID_REUSED
        known.learn(stored(correction("c8", "c-elevators", "nobody-knows"))); // UNKNOWN_CORRECTED_EVENT
        known.learn(stored(correction("c9", "c-elevators", "e8")));

        assertThat(known.claim(report("e8", "c-elevators", 1))).isInstanceOf(KnownEvents.Known.class);
        assertThat(known.claim(correction("c8", "c-elevators", "nobody-knows"))).isInstanceOf(KnownEvents.Fresh.class);
        assertThat(reserve(correction("c10", "c-elevators", "e8"))).isEqualTo(CorrectionProblem.ALREADY_RETRACTED);
    }

    @Test
    void shouldForgetTheEarliestIdsBeyondItsCapacityAndThenNotCallACorrectionUnknown() {
        var small = new KnownEvents(clock, horizon, 2);
        for (String id : new String[] {"a", "b", "c"}) {
            small.learn(stored(report(id, "c-elevators", 1)));
        }

        assertThat(small.size()).isEqualTo(2);
        assertThat(small.evicted()).isEqualTo(1);
        assertThat(small.claim(report("a", "c-elevators", 2))).as("forgotten for room").isInstanceOf(KnownEvents.Fresh.class);
        ProgressEvent correction = correction("d", "c-elevators", "never-stored");
        small.claim(correction);
        assertThat(small.reserveRetraction(correction)).as("it may have been forgotten: let the streams app judge").isNull();
    }

    /** Claims a new correction and asks whether it may retract what it names. */
    private CorrectionProblem reserve(ProgressEvent correction) {
        CompletableFuture<AcceptedEvent> ignored = ((KnownEvents.Fresh) known.claim(correction)).promise();
        return known.reserveRetraction(correction);
    }
}
