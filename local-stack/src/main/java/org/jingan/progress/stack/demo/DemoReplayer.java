package org.jingan.progress.stack.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jingan.progress.stack.demo.DemoSink.Rejection;
import org.jingan.progress.stack.demo.DemoSink.SinkUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the demo year's steps in event-time order to a {@link DemoSink} at a chosen speed, resuming where the last
 * run stopped. The position is recorded after each acknowledged batch; an unreachable receiver is retried with
 * back-off; a report the receiver refuses is logged with its reason and counted, not retried.
 */
public final class DemoReplayer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoReplayer.class);
    private static final int MAX_BATCH = 200;

    private final DemoScript script;
    private final DemoSink sink;
    private final ReplaySpeed speed;
    private final ReplayPositionStore store;
    private final ReplayListener listener;
    private final Object clock = new Object();
    private Duration giveUpAfter = Duration.ofMinutes(2);
    private volatile boolean stopping;
    private volatile int position;
    private volatile int rejected;
    private volatile boolean finished;
    private volatile String failure;
    private Thread thread;

    public DemoReplayer(DemoScript script, DemoSink sink, ReplaySpeed speed, ReplayPositionStore store,
                        ReplayListener listener) {
        this.script = script;
        this.sink = sink;
        this.speed = speed;
        this.store = store;
        this.listener = listener;
        this.position = store.resumePosition(script);
    }

    /** How long an unreachable receiver is retried before the replay gives up. */
    public DemoReplayer giveUpAfter(Duration duration) {
        this.giveUpAfter = duration;
        return this;
    }

    /** Replays on a background thread. */
    public synchronized DemoReplayer start() {
        if (thread == null) {
            thread = new Thread(this::run, "demo-replay");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /** Replays on this thread until the end of the year (or a stop); returns the number of refused reports. */
    public int run() {
        try {
            replay();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (GaveUpException e) {
            failure = e.getMessage();
            log.warn("Demo replay stopped: {}", e.getMessage());
            listener.failed(e.getMessage());
        } catch (RuntimeException e) {
            failure = e.getMessage();
            log.error("Demo replay failed", e);
            listener.failed(e.getMessage());
        }
        return rejected;
    }

    private void replay() throws InterruptedException {
        int total = script.size();
        if (position >= total) {
            finished = true;
            listener.finished(total, rejected);
            return;
        }
        if (position > 0) {
            log.info("Demo replay resumes at step {} of {}", position, total);
        }
        Instant eventAnchor = script.steps().get(position).eventTime();
        long wallAnchor = System.nanoTime();
        while (position < total && !stopping) {
            DemoStep next = script.steps().get(position);
            if (!waitUntilDue(next.eventTime(), eventAnchor, wallAnchor)) {
                return;
            }
            if (next instanceof DemoRevision revision) {
                deliver(() -> sink.revise(revision.revised()));
                advance(1, revision.eventTime());
                continue;
            }
            Instant dueUpTo = eventAnchor.plus(speed.eventTimeIn(Duration.ofNanos(System.nanoTime() - wallAnchor)));
            List<DemoReport> batch = new ArrayList<>();
            batch.add((DemoReport) next); // due: waited for above
            for (int i = position + 1; i < total && batch.size() < MAX_BATCH; i++) {
                if (!(script.steps().get(i) instanceof DemoReport report) || report.eventTime().isAfter(dueUpTo)) {
                    break;
                }
                batch.add(report);
            }
            List<List<Rejection>> refused = new ArrayList<>(1);
            if (!deliver(() -> refused.add(sink.send(batch)))) {
                return;
            }
            for (Rejection r : refused.get(0)) {
                rejected++;
                log.warn("Demo report {} on {} refused: {}", r.report().eventId(), r.report().targetId(), r.reason());
            }
            advance(batch.size(), batch.get(batch.size() - 1).eventTime());
        }
        if (position >= total) {
            finished = true;
            listener.finished(total, rejected);
        }
    }

    private void advance(int steps, Instant eventTime) {
        position += steps;
        store.save(script, position, eventTime);
        listener.progress(position, script.size(), eventTime, rejected);
    }

    /** Waits until {@code eventTime} is due at this speed; false when stopped meanwhile. */
    private boolean waitUntilDue(Instant eventTime, Instant eventAnchor, long wallAnchor) throws InterruptedException {
        long due = wallAnchor + speed.wallTimeFor(Duration.between(eventAnchor, eventTime)).toNanos();
        synchronized (clock) {
            while (!stopping) {
                long wait = due - System.nanoTime();
                if (wait <= 0) {
                    return true;
                }
                TimeUnit.NANOSECONDS.timedWait(clock, wait);
            }
        }
        return false;
    }

    private interface Delivery {
        void run() throws SinkUnavailableException;
    }

    /** Runs {@code delivery} until it succeeds, retrying with back-off; false when stopped first. */
    private boolean deliver(Delivery delivery) throws InterruptedException {
        long giveUpAt = System.nanoTime() + giveUpAfter.toNanos();
        long backoff = 200;
        while (!stopping) {
            try {
                delivery.run();
                return true;
            } catch (SinkUnavailableException e) {
                if (System.nanoTime() > giveUpAt) {
                    throw new GaveUpException(sink.describe() + " has not accepted reports for "
                            + giveUpAfter.toMillis() / 1000.0 + " s (" + e.getMessage() + "); the replay resumes at step "
                            + position + " on the next start");
                }
                log.debug("{} unavailable ({}); retrying in {} ms", sink.describe(), e.getMessage(), backoff);
                synchronized (clock) {
                    if (!stopping) {
                        clock.wait(backoff);
                    }
                }
                backoff = Math.min(5_000, backoff * 2);
            }
        }
        return false;
    }

    /** The receiver stayed unreachable longer than the replay waits. */
    private static final class GaveUpException extends RuntimeException {
        GaveUpException(String message) {
            super(message);
        }
    }

    public int position() {
        return position;
    }

    public int rejected() {
        return rejected;
    }

    public boolean isFinished() {
        return finished;
    }

    /** Why the replay stopped before the end, or null. */
    public String failure() {
        return failure;
    }

    /** Stops after the batch in flight (whose acknowledgement is still recorded) and waits for the thread. */
    @Override
    public void close() {
        stopping = true;
        synchronized (clock) {
            clock.notifyAll();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(20));
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(TimeUnit.SECONDS.toMillis(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
