package org.jingan.progress.streams.topology;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.clock.SimulatedClock;
import org.jingan.progress.contract.Topics;

/**
 * The district clock as a task reads it: the wall clock (as Kafka Streams gives it to the task, so tests can move
 * it), or the simulated clock that the {@link ClockTickProcessor} of this instance keeps at the latest tick. Never
 * the time of a record: a report's event time is its as-of date, and the records' own times only say how far
 * behind the task reads.
 */
final class TaskClock {
    private final SimulatedClock simulated;
    private final ProcessorContext<?, ?> context;
    /** The clock's time when a wait for a tick last ran out: no more waiting until the clock moves on. */
    private long gaveUpAt = Long.MIN_VALUE;
    private final java.time.Duration lagWait;

    TaskClock(SimulatedClock simulated, ProcessorContext<?, ?> context, java.time.Duration lagWait) {
        this.simulated = simulated;
        this.context = context;
        this.lagWait = lagWait;
    }

    /** The wall clock of {@code context}, or {@code simulated} when it is not null. */
    static TaskClock of(SimulatedClock simulated, ProcessorContext<?, ?> context) {
        if (simulated != null) {
            // the global store is restored before any task starts: a restarted instance resumes at the last tick
            KeyValueStore<String, ClockTick> ticks = context.getStateStore(ProgressStores.DISTRICT_CLOCK);
            ClockTick last = ticks.get(Topics.CLOCK_KEY);
            if (last != null) {
                simulated.advanceTo(last.getNow().toEpochMilli());
            }
        }
        return new TaskClock(simulated, context, LAG_WAIT);
    }

    long now() {
        return simulated != null ? simulated.millis() : context.currentSystemTimeMs();
    }

    /**
     * Now, for judging a report that only a clock at {@code needed} would accept. On the simulated clock the global
     * thread may read a tick a moment after this task reads a report that the intake accepted at that tick (the demo
     * moves the clock, then posts the day's reports; under load the global thread was seen two demo days behind): if
     * {@code needed} is at most {@link #LAG_WINDOW_MS} ahead, wait up to {@link #LAG_WAIT} for the tick. A wait that
     * runs out is not repeated until the clock moves, so reports dated ahead for good cost one wait, not one each.
     * Further ahead, or on the wall clock, a report is judged at once.
     */
    long nowFor(long needed) {
        long now = now();
        if (simulated == null || needed <= now || needed - now > LAG_WINDOW_MS || now == gaveUpAt) {
            return now;
        }
        long after = simulated.awaitAtLeast(needed, lagWait);
        if (after < needed) {
            gaveUpAt = after;
        }
        return after;
    }

    /** How far ahead of the task's clock a report may be and still wait for the clock: a month of replayed time. */
    static final long LAG_WINDOW_MS = java.time.Duration.ofDays(31).toMillis();
    /** How long a report waits for the clock's tick at most. */
    static final java.time.Duration LAG_WAIT = java.time.Duration.ofSeconds(5);
}
