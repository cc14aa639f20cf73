package org.jingan.progress.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.intake.TestTargets;
import org.jingan.progress.intake.delivery.Delivery;
import org.jingan.progress.intake.delivery.DeliveryException;
import org.jingan.progress.intake.delivery.EventPublisher;
import org.jingan.progress.intake.validation.ReportRequest;
import org.jingan.progress.intake.validation.ReportRow;
import org.jingan.progress.intake.validation.ReportValidator;
import org.jingan.progress.intake.validation.ReportValidator.DuplicateRule;
import org.jingan.progress.intake.validation.TargetDirectory;
import org.jingan.progress.intake.validation.Violation;
import org.junit.jupiter.api.Test;

/**
 * The intake's bookkeeping of event ids around a publisher that acknowledges some events and not others: a refused
 * batch sent again ends up stored whole, each report once. (The broker itself is exercised by the integration tests;
 * this publisher only stands in for its answers.)
 */
class ReportIntakeTest {
    /** Acknowledges every event except those of targets in {@code down}; records what it was asked to send. */
    static final class ScriptedPublisher implements EventPublisher {
        final List<ProgressEvent> sent = new CopyOnWriteArrayList<>();
        volatile Set<String> down = Set.of();
        long offset;

        @Override
        public synchronized List<CompletableFuture<Delivery>> publish(List<ProgressEvent> events) {
            var futures = new ArrayList<CompletableFuture<Delivery>>();
            for (ProgressEvent e : events) {
                if (down.contains(e.getTargetId())) {
                    futures.add(CompletableFuture.failedFuture(new DeliveryException("not acknowledged: broker gone", null)));
                } else {
                    sent.add(e);
                    futures.add(CompletableFuture.completedFuture(new Delivery("t", 0, offset++, Instant.EPOCH)));
                }
            }
            return futures;
        }

        @Override
        public boolean brokerReachable() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private final ScriptedPublisher publisher = new ScriptedPublisher();
    private final ReportIntake intake = new ReportIntake(
            new ReportValidator(TargetDirectory.of(TestTargets.ALL), TestTargets.DISTRICT_CLOCK, TestTargets.ZONE), publisher,
            TestTargets.DISTRICT_CLOCK, rebuiltMemory(), Duration.ofSeconds(5), Duration.ofSeconds(3), new IntakeMetrics(new SimpleMeterRegistry()));

    /** An empty memory of stored events, ready (as after reading an empty topic). */
    static KnownEvents rebuiltMemory() {
        var known = new KnownEvents(TestTargets.DISTRICT_CLOCK,
                new DedupHorizon(DedupHorizon.DEFAULT_AFTER_YEAR, TestTargets.ZONE, TargetDirectory.of(TestTargets.ALL)), 1000);
        known.markRebuilt();
        return known;
    }

    private static Submission batch(String idempotencyKey, ReportRequest... reports) {
        var rows = new ArrayList<ReportRow>();
        for (int i = 0; i < reports.length; i++) {
            rows.add(new ReportRow(i, i + 2, reports[i]));
        }
        return new Submission(TestTargets.CONSTRUCTION, "HTTP", rows, DuplicateRule.SAME_CONTENT, false, idempotencyKey, "test");
    }

    private static ReportRequest report(String targetId, String value, String date) {
        return new ReportRequest(null, targetId, null, value, null, date, null, null, null, null);
    }

    @Test
    void shouldStoreTheRestOfAPartlyRefusedBatchOnRetryAndEachReportOnce() {
        Submission submission = batch(null, report("c-elevators", "10", "2020-05-31"), report("c-wet-waste", "420", "2020-05-31"),
                report("c-elevators", "14", "2020-06-30"));
        publisher.down = Set.of("c-wet-waste");

        var refused = intake.submit(submission);

        assertThat(refused).isInstanceOfSatisfying(IntakeResult.Unavailable.class, u -> {
            assertThat(u.stored()).hasSize(2);
            assertThat(u.notStoredEventIds()).hasSize(1);
            assertThat(u.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        });
        assertThat(publisher.sent).hasSize(2);

        publisher.down = Set.of();
        var retried = intake.submit(submission);

        assertThat(retried).isInstanceOfSatisfying(IntakeResult.Accepted.class, a -> assertThat(a.events()).hasSize(3));
        assertThat(publisher.sent).as("only the missing report was sent again").hasSize(3);
        assertThat(publisher.sent.stream().map(ProgressEvent::getEventId).distinct()).hasSize(3);
        assertThat(intake.submit(submission)).isInstanceOfSatisfying(IntakeResult.Accepted.class,
                a -> assertThat(a.replayed()).isTrue());
        assertThat(publisher.sent).hasSize(3);
    }

    @Test
    void shouldGiveTheSameIdsToTheSameBatchUnderTheSameKeyAndNewOnesUnderAnother() {
        var first = (IntakeResult.Accepted) intake.submit(batch("key-1", report("c-elevators", "1", "2020-05-01")));
        var again = (IntakeResult.Accepted) intake.submit(batch("key-1", report("c-elevators", "1", "2020-05-01")));
        var other = (IntakeResult.Accepted) intake.submit(batch("key-2", report("c-elevators", "1", "2020-05-01")));

        assertThat(again.events()).isEqualTo(first.events());
        assertThat(other.events().get(0).eventId()).isNotEqualTo(first.events().get(0).eventId());
        assertThat(publisher.sent).hasSize(2);
    }

    @Test
    void shouldRefuseAKeyReusedForADifferentBatchAndWriteNothing() {
        intake.submit(batch("key-3", report("c-elevators", "1", "2020-05-01")));

        var reused = intake.submit(batch("key-3", report("c-elevators", "2", "2020-05-01")));

        assertThat(reused).isInstanceOfSatisfying(IntakeResult.Rejected.class, r -> assertThat(r.status()).isEqualTo(409));
        assertThat(publisher.sent).hasSize(1);
    }

    @Test
    void shouldAnswerAConcurrentDuplicateWithTheFirstSendsOutcome() {
        var slow = new CompletableFuture<Delivery>();
        var sent = new CopyOnWriteArrayList<ProgressEvent>();
        EventPublisher held = new EventPublisher() {
            @Override
            public List<CompletableFuture<Delivery>> publish(List<ProgressEvent> events) {
                sent.addAll(events);
                return List.of(slow);
            }

            @Override
            public boolean brokerReachable() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        var concurrentIntake = new ReportIntake(
                new ReportValidator(TargetDirectory.of(TestTargets.ALL), TestTargets.DISTRICT_CLOCK, TestTargets.ZONE), held,
                TestTargets.DISTRICT_CLOCK, rebuiltMemory(), Duration.ofSeconds(5), Duration.ofSeconds(3), new IntakeMetrics(new SimpleMeterRegistry()));
        var request = new ReportRequest("same-id", "c-elevators", "INCREMENT", "1", null, "2020-05-01", null, null, null, null);
        Submission single = new Submission(TestTargets.CONSTRUCTION, "HTTP", List.of(new ReportRow(0, 1, request)),
                DuplicateRule.SAME_CONTENT, true, null, "test");

        var first = CompletableFuture.supplyAsync(() -> concurrentIntake.submit(single));
        org.awaitility.Awaitility.await().until(() -> sent.size() == 1);
        var second = CompletableFuture.supplyAsync(() -> concurrentIntake.submit(single));
        slow.complete(new Delivery("t", 2, 41, Instant.EPOCH));

        assertThat(first.join()).isEqualTo(new IntakeResult.Accepted(((IntakeResult.Accepted) second.join()).events(), false));
        assertThat(((IntakeResult.Accepted) second.join()).replayed()).isTrue();
        assertThat(sent).hasSize(1);
    }

    @Test
    void shouldStoreNothingBeforeTheMemoryOfStoredEventsIsRebuilt() {
        var rebuilding = new KnownEvents(TestTargets.DISTRICT_CLOCK,
                new DedupHorizon(DedupHorizon.DEFAULT_AFTER_YEAR, TestTargets.ZONE, TargetDirectory.of(TestTargets.ALL)), 1000);
        var early = new ReportIntake(
                new ReportValidator(TargetDirectory.of(TestTargets.ALL), TestTargets.DISTRICT_CLOCK, TestTargets.ZONE), publisher,
                TestTargets.DISTRICT_CLOCK, rebuilding, Duration.ofSeconds(5), Duration.ofSeconds(3), new IntakeMetrics(new SimpleMeterRegistry()));
        Submission submission = batch(null, report("c-elevators", "1", "2020-05-01"));

        assertThat(early.submit(submission)).isInstanceOfSatisfying(IntakeResult.Unavailable.class, u -> {
            assertThat(u.retryAfter()).isEqualTo(Duration.ofSeconds(3));
            assertThat(u.notStoredEventIds()).as("the ids a retry will use").hasSize(1);
            assertThat(u.reason()).contains("still reading");
        });
        assertThat(publisher.sent).isEmpty();

        rebuilding.markRebuilt();
        assertThat(early.submit(submission)).isInstanceOf(IntakeResult.Accepted.class);
    }

    @Test
    void shouldRefuseABatchWithACorrectionOfAnUnknownEventWholeAndTakeItWithoutThatRow() {
        var report = new ReportRequest("r-1", "c-elevators", "INCREMENT", "2", null, "2020-05-01", null, null, null, null);
        var unknown = new ReportRequest("c-1", "c-elevators", "CORRECTION", null, null, "2020-05-02", null, null, "nobody-knows", null);
        var ofTheFirst = new ReportRequest("c-2", "c-elevators", "CORRECTION", null, null, "2020-05-02", null, null, "r-1", null);

        var refused = intake.submit(batch(null, report, unknown));

        assertThat(refused).isInstanceOfSatisfying(IntakeResult.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.index()).isEqualTo(1);
                assertThat(e.field()).isEqualTo("correctsEventId");
                assertThat(e.code()).isEqualTo(Violation.UNKNOWN_CORRECTED_EVENT);
                assertThat(e.reasonZh()).contains("nobody-knows");
            });
        });
        assertThat(publisher.sent).isEmpty();
        assertThat(intake.submit(batch(null, report, ofTheFirst))).as("a correction of a report earlier in its batch")
                .isInstanceOf(IntakeResult.Accepted.class);
        assertThat(publisher.sent).extracting(ProgressEvent::getEventId).containsExactly("r-1", "c-2");
    }
}
