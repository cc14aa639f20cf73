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

    private TaskClock(SimulatedClock simulated, ProcessorContext<?, ?> context) {
        this.simulated = simulated;
        this.context = context;
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
        return new TaskClock(simulated, context);
    }

    long now() {
        return simulated != null ? simulated.millis() : context.currentSystemTimeMs();
    }
}
