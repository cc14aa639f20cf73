package org.jingan.progress.streams.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.clock.SimulatedClock;
import org.jingan.progress.contract.Topics;

/**
 * Keeps the global district-clock store and this instance's {@link SimulatedClock} at the latest tick of the
 * district-clock topic (the global thread runs it for every instance, so all tasks of all instances follow one
 * clock). A tick earlier than the clock is kept out: the clock never runs backwards.
 */
final class ClockTickProcessor implements Processor<String, ClockTick, Void, Void> {
    private final SimulatedClock clock;
    private KeyValueStore<String, ClockTick> ticks;

    ClockTickProcessor(SimulatedClock clock) {
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.ticks = context.getStateStore(ProgressStores.DISTRICT_CLOCK);
        ClockTick last = ticks.get(Topics.CLOCK_KEY);
        if (last != null) {
            clock.advanceTo(last.getNow().toEpochMilli());
        }
    }

    @Override
    public void process(Record<String, ClockTick> record) {
        ClockTick tick = record.value();
        if (tick == null || !Topics.CLOCK_KEY.equals(record.key())) {
            return;
        }
        if (clock.advanceTo(tick.getNow().toEpochMilli())) {
            ticks.put(Topics.CLOCK_KEY, tick);
        }
    }
}
