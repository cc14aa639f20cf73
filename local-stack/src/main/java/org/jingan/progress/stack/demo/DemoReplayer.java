package org.jingan.progress.stack.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import org.jingan.progress.stack.demo.DemoSink.Rejection;
import org.jingan.progress.stack.demo.DemoSink.SinkUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the demo year's steps in event-time order to a {@link DemoSink} at a chosen speed, resuming where the last
 * run stopped. The position is recorded after each acknowledged batch; an unreachable receiver is retried with
 * back-off; a report the receiver refuses is logged with its reason and counted, not retried.
 *
 * <p>On the simulated clock ({@link DemoClock#simulated()}) the replay moves the district clock through the year:
 * <ul>
 *   <li>before it posts reports (or publishes a revision) dated up to T, the clock stands at T or later, the tick
 *       acknowledged: T rounded up to the hour, unless that is the next day, so a day never closes before its
 *       reports are in;</li>
 *   <li>while it waits for the next report, the clock follows the replay's time hour by hour, and at least one tick
 *       lands on every day (a batch never spans a midnight), so the dashboard's date moves smoothly and every day
 *       closes; a tick is written per hour at most, never per report;</li>
 *   <li>the replay's time starts where the clock stands (the topic's latest tick on a resume; the clock's start, 1
 *       January, on a fresh one) and follows the clock when someone else moves it further (an operator's
 *       {@code bin/clock set}): the reports up to there are then due at once;</li>
 *   <li>at the end of the year the clock is left at 23:00 on 31 December, so status stays what it was at year
 *       end.</li>
 * </ul>
 * Without a simulated clock ({@link DemoClock#NONE}) the replay paces itself from its first step and moves nothing.
 */
public final class DemoReplayer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoReplayer.class);
    private static final int MAX_BATCH = 200;
    private static final ZoneId ZONE = DemoGenerator.ZONE;
    private static final Duration HOUR = Duration.ofHours(1);
    /** The longest the replay waits before it looks at the district clock again (an operator may have moved it). */
    private static final long LOOK_AT_CLOCK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Back-off between attempts to reach an unavailable receiver: doubling from the first to the maximum. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final IntervalFunction BACKOFF = IntervalFunction.ofExponentialBackoff(FIRST_BACKOFF, 2.0, MAX_BACKOFF);

    private final DemoScript script;
    private final DemoSink sink;
    private final ReplaySpeed speed;
    private final ReplayPositionStore store;
    private final ReplayListener listener;
    private final DemoClock districtClock;
    private final Object monitor = new Object();
    private Duration giveUpAfter = Duration.ofMinutes(2);
    private volatile boolean stopping;
    /** True from a failed attempt until the next one starts: close() then interrupts the back-off wait. */
    private boolean backingOff;
    /** The thread running the replay (the background one, or the caller of {@link #run()}). */
    private volatile Thread replaying;
    private volatile int position;
    private volatile int rejected;
    private volatile boolean finished;
    private volatile String failure;
    private Thread thread;
    /** The replay's time: {@code eventAnchor} at {@code wallAnchor} (System.nanoTime), advancing at {@code speed}. */
    private Instant eventAnchor;
    private long wallAnchor;
    /** The latest tick this replay wrote, or the clock it found (simulated clock only). */
    private Instant lastTick;

    /** A replay without a simulated clock ({@link DemoClock#NONE}). */
    public DemoReplayer(DemoScript script, DemoSink sink, ReplaySpeed speed, ReplayPositionStore store,
                        ReplayListener listener) {
        this(script, sink, speed, store, listener, DemoClock.NONE);
    }

    /** A replay that moves {@code districtClock} ahead of the reports it posts. */
    public DemoReplayer(DemoScript script, DemoSink sink, ReplaySpeed speed, ReplayPositionStore store,
                        ReplayListener listener, DemoClock districtClock) {
        this.script = script;
        this.sink = sink;
        this.speed = speed;
        this.store = store;
        this.listener = listener;
        this.districtClock = districtClock;
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
        replaying = Thread.currentThread();
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
        startTheReplaysTime();
        if (position >= total) {
            if (closeTheYear()) {
                finished = true;
                listener.finished(total, rejected);
            }
            return;
        }
        if (position > 0) {
            log.info("Demo replay resumes at step {} of {}", position, total);
        }
        listener.started(position, total);
        while (position < total && !stopping) {
            DemoStep next = script.steps().get(position);
            if (!waitUntil(next.eventTime())) {
                return;
            }
            if (next instanceof DemoRevision revision) {
                if (!moveClockAheadOf(revision.eventTime())
                        || !deliver(sink.describe() + " has not accepted revisions", () -> sink.revise(revision.revised()))) {
                    return;
                }
                advance(1, revision.eventTime());
                continue;
            }
            Instant dueUpTo = replayTime();
            LocalDate day = dayOf(next.eventTime());
            List<DemoReport> batch = new ArrayList<>();
            batch.add((DemoReport) next); // due: waited for above
            for (int i = position + 1; i < total && batch.size() < MAX_BATCH; i++) {
                if (!(script.steps().get(i) instanceof DemoReport report) || report.eventTime().isAfter(dueUpTo)
                        || !dayOf(report.eventTime()).equals(day)) {
                    break; // a batch never spans a midnight: the clock closes the day after its reports
                }
                batch.add(report);
            }
            Instant last = batch.get(batch.size() - 1).eventTime();
            if (!moveClockAheadOf(last)) {
                return;
            }
            List<List<Rejection>> refused = new ArrayList<>(1);
            if (!deliver(sink.describe() + " has not accepted reports", () -> refused.add(sink.send(batch)))) {
                return;
            }
            for (Rejection r : refused.get(0)) {
                rejected++;
                log.warn("Demo report {} on {} refused: {}", r.report().eventId(), r.report().targetId(), r.reason());
            }
            advance(batch.size(), last);
        }
        if (position >= total && closeTheYear()) {
            finished = true;
            listener.finished(total, rejected);
        }
    }

    /**
     * Anchors the replay's time: where the district clock stands (on a resume the topic holds the time the last run
     * left it at; on a fresh one the clock's start), but not before the demo's year; without a simulated clock, the
     * next step's time.
     */
    private void startTheReplaysTime() {
        if (districtClock.simulated()) {
            Instant clock = districtClock.now();
            Instant yearStart = LocalDate.of(script.year(), 1, 1).atStartOfDay(ZONE).toInstant();
            eventAnchor = clock.isAfter(yearStart) ? clock : yearStart;
            lastTick = clock;
        } else {
            eventAnchor = position < script.size() ? script.steps().get(position).eventTime() : Instant.EPOCH;
        }
        wallAnchor = System.nanoTime();
    }

    /** On the simulated clock: runs the clock on to the year's end (23:00 on 31 December) and leaves it there. */
    private boolean closeTheYear() throws InterruptedException {
        if (!districtClock.simulated()) {
            return true;
        }
        Instant yearEnd = LocalDate.of(script.year(), 12, 31).atTime(23, 0).atZone(ZONE).toInstant();
        return waitUntil(yearEnd) && moveClockTo(yearEnd);
    }

    /**
     * The replay's time now: event time advanced at {@code speed} from the anchor; on the simulated clock, the
     * clock's time instead when someone else moved the clock further (the replay then goes on from there).
     */
    private Instant replayTime() {
        Instant paced = eventAnchor.plus(speed.eventTimeIn(Duration.ofNanos(System.nanoTime() - wallAnchor)));
        if (districtClock.simulated()) {
            Instant clock = districtClock.now();
            if (clock.isAfter(paced) && clock.isAfter(lastTick)) {
                log.info("The district clock was moved to {} (not by the demo): the replay goes on from there",
                        clock.atZone(ZONE).toLocalDateTime());
                eventAnchor = clock;
                wallAnchor = System.nanoTime();
                lastTick = clock;
                return clock;
            }
        }
        return paced;
    }

    /**
     * Waits until the replay's time reaches {@code eventTime}; on the simulated clock the clock follows the replay's
     * time hour by hour meanwhile. False when stopped first.
     */
    private boolean waitUntil(Instant eventTime) throws InterruptedException {
        while (!stopping) {
            Instant now = replayTime();
            if (!now.isBefore(eventTime)) {
                return true;
            }
            Instant wakeAt = eventTime;
            long latestWake = Long.MAX_VALUE;
            if (districtClock.simulated()) {
                Instant hour = now.truncatedTo(ChronoUnit.HOURS); // Shanghai's hours are UTC's (+08:00)
                if (!moveClockTo(hour)) {
                    return false;
                }
                Instant nextHour = hour.plus(HOUR);
                if (nextHour.isBefore(wakeAt)) {
                    wakeAt = nextHour;
                }
                latestWake = System.nanoTime() + LOOK_AT_CLOCK_NANOS;
            }
            long wake = Math.min(latestWake,
                    wallAnchor + speed.wallTimeFor(Duration.between(eventAnchor, wakeAt)).toNanos());
            synchronized (monitor) {
                long wait = wake - System.nanoTime();
                if (wait > 0 && !stopping) {
                    TimeUnit.NANOSECONDS.timedWait(monitor, wait);
                }
            }
        }
        return false;
    }

    /**
     * Moves the clock to {@code eventTime} or a little later before something dated {@code eventTime} is sent: to
     * the hour it falls in rounded up (one tick per hour at most, however many reports it holds), unless that hour
     * begins the next day: then to {@code eventTime} itself.
     */
    private boolean moveClockAheadOf(Instant eventTime) throws InterruptedException {
        Instant hour = eventTime.truncatedTo(ChronoUnit.HOURS);
        Instant target = hour.equals(eventTime) ? eventTime : hour.plus(HOUR);
        return moveClockTo(dayOf(target).equals(dayOf(eventTime)) ? target : eventTime);
    }

    /**
     * Moves the clock to {@code target} (nothing when it stands there or later), with a tick at midnight of every day
     * it would otherwise skip: a day without a tick would never close. False when stopped first.
     */
    private boolean moveClockTo(Instant target) throws InterruptedException {
        if (!districtClock.simulated()) {
            return true;
        }
        Instant from = districtClock.now();
        if (lastTick.isAfter(from)) {
            from = lastTick;
        }
        if (!target.isAfter(from)) {
            return true;
        }
        for (LocalDate day = dayOf(from).plusDays(1); day.isBefore(dayOf(target)); day = day.plusDays(1)) {
            if (!tick(day.atStartOfDay(ZONE).toInstant())) {
                return false;
            }
        }
        return tick(target);
    }

    private boolean tick(Instant at) throws InterruptedException {
        if (!deliver(districtClock.describe() + " has not taken the demo's ticks", () -> districtClock.advanceTo(at))) {
            return false;
        }
        lastTick = at;
        listener.clockMoved(at);
        return true;
    }

    private static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    private void advance(int steps, Instant eventTime) {
        position += steps;
        store.save(script, position, eventTime);
        listener.progress(position, script.size(), eventTime, rejected);
    }

    private interface Delivery {
        void run() throws SinkUnavailableException;
    }

    /**
     * Runs {@code delivery} until it succeeds, retrying an unavailable receiver with resilience4j's {@link Retry}:
     * waits of {@link #FIRST_BACKOFF} doubling to {@link #MAX_BACKOFF}, or the receiver's Retry-After up to that
     * maximum, for {@code giveUpAfter} at most (then a {@link GaveUpException}). False when stopped first: no attempt
     * starts after {@link #close()}, which cuts a back-off wait short. {@code refusing} says who is not accepting
     * what, for the message when the replay gives up.
     */
    private boolean deliver(String refusing, Delivery delivery) {
        long giveUpAt = System.nanoTime() + giveUpAfter.toNanos();
        Retry retry = Retry.of("demo-replay", RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE) // bounded in time instead
                .retryOnException(e -> e instanceof SinkUnavailableException && !stopping && System.nanoTime() <= giveUpAt)
                .intervalBiFunction((attempt, outcome) -> backoffAfter(attempt, outcome.getLeft()).toMillis())
                .build());
        retry.getEventPublisher().onRetry(event -> {
            log.debug("{} ({}); retrying in {} ms", refusing, event.getLastThrowable().getMessage(),
                    event.getWaitInterval().toMillis());
            synchronized (monitor) {
                backingOff = true; // close() may interrupt the wait that follows
            }
        });
        try {
            retry.executeCallable(() -> {
                synchronized (monitor) {
                    backingOff = false;
                    if (stopping) {
                        throw new StoppedException();
                    }
                }
                delivery.run();
                return null;
            });
            return true;
        } catch (StoppedException e) {
            Thread.interrupted(); // an interrupt meant for the back-off wait may have come just after it
            return false;
        } catch (SinkUnavailableException e) {
            if (stopping) {
                Thread.interrupted(); // close() cut the back-off wait short: resilience4j kept the interrupt
                return false;
            }
            if (Thread.currentThread().isInterrupted()) {
                return false; // interrupted by someone else: the flag stays for them
            }
            throw new GaveUpException(refusing + " for " + giveUpAfter.toMillis() / 1000.0 + " s (" + e.getMessage()
                    + "); the replay resumes at step " + position + " on the next start");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // delivery.run() throws nothing else checked
        }
    }

    /** The wait after failed attempt {@code attempt}: the receiver's Retry-After (at most the maximum), or the back-off. */
    static Duration backoffAfter(int attempt, Throwable failure) {
        Optional<Duration> asked = failure instanceof SinkUnavailableException unavailable
                ? unavailable.retryAfter() : Optional.empty();
        return asked.map(wait -> wait.compareTo(MAX_BACKOFF) <= 0 ? wait : MAX_BACKOFF)
                .orElseGet(() -> Duration.ofMillis(BACKOFF.apply(attempt)));
    }

    /** Thrown by an attempt that would start after {@link #close()}: not retried. */
    private static final class StoppedException extends RuntimeException {
        StoppedException() {
            super("stopped", null, false, false);
        }
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
        synchronized (monitor) {
            stopping = true;
            monitor.notifyAll();
            Thread replay = replaying;
            if (backingOff && replay != null) {
                replay.interrupt(); // resilience4j waits in Thread.sleep; no attempt follows (see deliver)
            }
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
