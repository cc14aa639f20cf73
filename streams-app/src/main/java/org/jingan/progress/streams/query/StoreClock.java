package org.jingan.progress.streams.query;

import java.time.Instant;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.streams.topology.ProgressStores;

/**
 * The simulated district clock as this instance's topology sees it: the latest tick in its global district-clock
 * store, or the clock's start before the first tick (or while the store is not queryable yet).
 */
final class StoreClock implements DistrictClock {
    private final Supplier<KafkaStreams> streams;
    private final long start;

    StoreClock(Supplier<KafkaStreams> streams, Instant start) {
        this.streams = streams;
        this.start = start.toEpochMilli();
    }

    @Override
    public long millis() {
        KafkaStreams current = streams.get();
        if (current == null) {
            return start;
        }
        try {
            ReadOnlyKeyValueStore<String, ClockTick> ticks = current.store(StoreQueryParameters.fromNameAndType(
                    ProgressStores.DISTRICT_CLOCK, QueryableStoreTypes.keyValueStore()));
            ClockTick last = ticks.get(Topics.CLOCK_KEY);
            return last == null ? start : Math.max(start, last.getNow().toEpochMilli());
        } catch (InvalidStateStoreException e) {
            return start; // not running yet
        }
    }

    @Override
    public boolean live() {
        return false;
    }
}
