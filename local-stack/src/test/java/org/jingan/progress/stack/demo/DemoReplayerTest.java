package org.jingan.progress.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.stack.demo.DemoSink.SinkUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoReplayerTest {
    private static final List<Target> CATALOG = Catalog.loadDefault().targets();
    private static final DemoScript SCRIPT = DemoGenerator.generate(CATALOG, DemoGenerator.DEFAULT_SEED);

    @TempDir
    Path dataDir;

    @Test
    void shouldResumeAfterTheLastAcknowledgedBatchWhenTheReceiverWentAway() {
        ReplayPositionStore store = ReplayPositionStore.in(dataDir);
        RecordingSink first = new RecordingSink(2); // acknowledges two batches, then is unreachable
        DemoReplayer interrupted = new DemoReplayer(SCRIPT, first, ReplaySpeed.MAX, store, ReplayListener.NONE)
                .giveUpAfter(Duration.ofMillis(300));
        interrupted.run();

        assertThat(interrupted.failure()).contains("has not accepted reports");
        assertThat(interrupted.isFinished()).isFalse();
        int stoppedAt = interrupted.position();
        assertThat(stoppedAt).isGreaterThan(0).isLessThan(SCRIPT.size());
        assertThat(store.resumePosition(SCRIPT)).isEqualTo(stoppedAt);

        RecordingSink second = new RecordingSink(Integer.MAX_VALUE);
        DemoReplayer resumed = new DemoReplayer(SCRIPT, second, ReplaySpeed.MAX, store, ReplayListener.NONE);
        assertThat(resumed.position()).isEqualTo(stoppedAt);
        resumed.run();

        assertThat(resumed.isFinished()).isTrue();
        assertThat(store.resumePosition(SCRIPT)).isEqualTo(SCRIPT.size());
        Set<String> firstIds = new HashSet<>(first.eventIds());
        assertThat(second.eventIds()).doesNotContainAnyElementsOf(firstIds);
        List<String> all = new ArrayList<>(first.eventIds());
        all.addAll(second.eventIds());
        assertThat(all).containsExactlyElementsOf(SCRIPT.reports().stream().map(DemoReport::eventId).toList());
        assertThat(first.revised.size() + second.revised.size()).isEqualTo(SCRIPT.revisions().size());
    }

    @Test
    void shouldDoNothingWhenTheYearWasAlreadyReplayed() {
        ReplayPositionStore store = ReplayPositionStore.in(dataDir);
        store.save(SCRIPT, SCRIPT.size(), null);
        RecordingSink sink = new RecordingSink(Integer.MAX_VALUE);

        DemoReplayer replayer = new DemoReplayer(SCRIPT, sink, ReplaySpeed.MAX, store, ReplayListener.NONE);
        replayer.run();

        assertThat(replayer.isFinished()).isTrue();
        assertThat(sink.eventIds()).isEmpty();
    }

    @Test
    void shouldRefuseToContinueAnotherSeedsReplay() {
        ReplayPositionStore store = ReplayPositionStore.in(dataDir);
        store.save(DemoGenerator.generate(CATALOG, 1), 10, null);

        assertThatThrownBy(() -> new DemoReplayer(SCRIPT, new RecordingSink(1), ReplaySpeed.MAX, store, ReplayListener.NONE))
                .isInstanceOf(ReplayPositionStore.ReplayMismatchException.class)
                .hasMessageContaining("seed 1")
                .hasMessageContaining("--seed 1")
                .hasMessageContaining("--fresh");
    }

    @Test
    void shouldCountReportsTheReceiverRefusesAndGoOn() {
        String refusedTarget = SCRIPT.reports().get(0).targetId();
        RecordingSink sink = new RecordingSink(Integer.MAX_VALUE) {
            @Override
            public List<Rejection> send(List<DemoReport> reports) throws SinkUnavailableException {
                List<Rejection> refused = reports.stream().filter(r -> r.targetId().equals(refusedTarget))
                        .map(r -> new Rejection(r, "422 unit: wrong unit")).toList();
                super.send(reports);
                return refused;
            }
        };
        List<String> progress = new ArrayList<>();
        ReplayListener listener = new ReplayListener() {
            @Override
            public void finished(int total, int rejected) {
                progress.add(total + "/" + rejected);
            }
        };

        DemoReplayer replayer = new DemoReplayer(SCRIPT, sink, ReplaySpeed.MAX, ReplayPositionStore.in(dataDir), listener);
        replayer.run();

        long expected = SCRIPT.reports().stream().filter(r -> r.targetId().equals(refusedTarget)).count();
        assertThat(replayer.rejected()).isEqualTo((int) expected).isPositive();
        assertThat(progress).containsExactly(SCRIPT.size() + "/" + expected);
    }

    @Test
    void shouldNotCountARevisionItCouldNotPublishWhenStoppedWhileRetrying() {
        int revisionAt = SCRIPT.revisions().get(0).index();
        AtomicInteger attempts = new AtomicInteger();
        RecordingSink sink = new RecordingSink(Integer.MAX_VALUE) {
            @Override
            public void revise(Target target) throws SinkUnavailableException {
                attempts.incrementAndGet();
                throw new SinkUnavailableException("catalog publisher unreachable", null);
            }
        };
        ReplayPositionStore store = ReplayPositionStore.in(dataDir);
        DemoReplayer replayer = new DemoReplayer(SCRIPT, sink, ReplaySpeed.MAX, store, ReplayListener.NONE).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts.get() >= 2);

        replayer.close();

        assertThat(replayer.position()).as("stopped at the revision it could not publish").isEqualTo(revisionAt);
        assertThat(store.resumePosition(SCRIPT)).isEqualTo(revisionAt);
        assertThat(replayer.failure()).isNull();
    }

    @Test
    void shouldWaitWhatTheReceiverAsksInsteadOfTheBackoff() {
        AtomicInteger throttled = new AtomicInteger();
        RecordingSink sink = new RecordingSink(Integer.MAX_VALUE) {
            @Override
            public List<Rejection> send(List<DemoReport> reports) throws SinkUnavailableException {
                if (throttled.getAndIncrement() < 4) {
                    throw new SinkUnavailableException("intake answered 429", null, Duration.ZERO);
                }
                return super.send(reports);
            }
        };
        DemoReplayer replayer = new DemoReplayer(SCRIPT, sink, ReplaySpeed.MAX, ReplayPositionStore.in(dataDir),
                ReplayListener.NONE);

        long started = System.nanoTime();
        replayer.run();

        assertThat(replayer.isFinished()).isTrue();
        assertThat(throttled.get()).isGreaterThan(4);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("four retries at once (Retry-After: 0), not after 0.2 + 0.4 + 0.8 + 1.6 s")
                .isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void shouldBackOffExponentiallyUpToTheMaximumAndHonourRetryAfterUpToIt() {
        SinkUnavailableException down = new SinkUnavailableException("connection refused", null);

        assertThat(DemoReplayer.backoffAfter(1, down)).isEqualTo(Duration.ofMillis(200));
        assertThat(DemoReplayer.backoffAfter(2, down)).isEqualTo(Duration.ofMillis(400));
        assertThat(DemoReplayer.backoffAfter(10, down)).isEqualTo(DemoReplayer.MAX_BACKOFF);
        assertThat(DemoReplayer.backoffAfter(1, new SinkUnavailableException("429", null, Duration.ofSeconds(2))))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(DemoReplayer.backoffAfter(1, new SinkUnavailableException("429", null, Duration.ofHours(1))))
                .isEqualTo(DemoReplayer.MAX_BACKOFF);
    }

    @Test
    void shouldStopAtOnceWhileWaitingToRetryAndNotTryAgain() {
        AtomicInteger attempts = new AtomicInteger();
        RecordingSink sink = new RecordingSink(Integer.MAX_VALUE) {
            @Override
            public List<Rejection> send(List<DemoReport> reports) throws SinkUnavailableException {
                attempts.incrementAndGet();
                throw new SinkUnavailableException("intake answered 503", null, Duration.ofSeconds(5));
            }
        };
        DemoReplayer replayer = new DemoReplayer(SCRIPT, sink, ReplaySpeed.MAX, ReplayPositionStore.in(dataDir),
                ReplayListener.NONE).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts.get() == 1);

        long closing = System.nanoTime();
        replayer.close();

        assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("not the rest of a 5 s wait")
                .isLessThan(Duration.ofSeconds(3));
        assertThat(attempts.get()).isEqualTo(1);
        assertThat(replayer.position()).isZero();
        assertThat(replayer.failure()).isNull();
    }

    /** Records what it is sent; after {@code acknowledgedBatches} batches it is unreachable. */
    private static class RecordingSink implements DemoSink {
        private final int acknowledgedBatches;
        private final List<DemoReport> received = new ArrayList<>();
        final List<Target> revised = new ArrayList<>();
        private int batches;

        RecordingSink(int acknowledgedBatches) {
            this.acknowledgedBatches = acknowledgedBatches;
        }

        @Override
        public List<Rejection> send(List<DemoReport> reports) throws SinkUnavailableException {
            if (batches >= acknowledgedBatches) {
                throw new SinkUnavailableException("connection refused", null);
            }
            batches++;
            received.addAll(reports);
            return List.of();
        }

        @Override
        public void revise(Target target) throws SinkUnavailableException {
            if (batches >= acknowledgedBatches) {
                throw new SinkUnavailableException("connection refused", null);
            }
            revised.add(target);
        }

        @Override
        public String describe() {
            return "recording sink";
        }

        List<String> eventIds() {
            return received.stream().map(DemoReport::eventId).toList();
        }
    }
}
