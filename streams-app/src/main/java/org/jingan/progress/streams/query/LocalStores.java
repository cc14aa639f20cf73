package org.jingan.progress.streams.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's own copy of one store partition: the running active if it has it, else a standby or a
 * still-restoring active ({@link StoreQueryParameters#enableStaleStores()}), labelled with its freshness.
 * Values come out typed, as the store holds them (Avro records); a peer's answer comes back to the same types
 * ({@link PeerValues}), so a local and a forwarded answer are the same thing.
 */
final class LocalStores {

    /** One key as read here; {@code value} is null when the key is absent from this copy. */
    record KeyRead(Object value, Freshness.Copy copy) {
    }

    record Entry(String key, Object value) {
    }

    /**
     * Entries of one partition as read here, in the store's key order; {@code next} is null when they are all there
     * were, else the last key given: the rest come after it ({@link PageRequest}).
     */
    record PartitionRead(int partition, List<Entry> entries, Freshness.Copy copy, String next) {
        PartitionRead(int partition, List<Entry> entries, Freshness.Copy copy) {
            this(partition, entries, copy, null);
        }
    }

    /** One lookup in a partition: the value of {@code key}, or with {@code prefix} all entries whose key starts with it. */
    record Lookup(String store, String key, boolean prefix) {
    }

    private record Read<R>(R result, boolean runningActive) {
    }

    private record Page(List<Entry> entries, String next) {
    }

    private final KafkaStreams streams;
    private final StoreDirectory directory;
    private final LagTracker lags;
    private final HostInfo self;

    LocalStores(KafkaStreams streams, StoreDirectory directory, LagTracker lags, HostInfo self) {
        this.streams = streams;
        this.directory = directory;
        this.lags = lags;
        this.self = self;
    }

    KeyRead get(String store, int partition, String key) {
        return get(store, partition, key, roleOf(store, partition));
    }

    private KeyRead get(String store, int partition, String key, Freshness.Role role) {
        Read<Optional<Object>> read = read(store, partition, role, kv -> Optional.ofNullable(kv.get(key)));
        return new KeyRead(read.result().orElse(null), lags.copy(store, partition, QueryHosts.name(self), role, read.runningActive()));
    }

    /**
     * Several lookups in one partition of stores that live in the same task (e.g. a target's standing, definition
     * and alerts), each answered with its own copy's freshness; a key lookup has no entry or one, a prefix lookup at
     * most {@code limit} (then with {@code next}).
     */
    List<PartitionRead> lookup(int partition, List<Lookup> lookups, int limit) {
        if (lookups.isEmpty()) {
            return List.of();
        }
        List<PartitionRead> reads = new ArrayList<>(lookups.size());
        // the stores of one task share their holders: one look at the assignment serves all lookups
        Freshness.Role role = roleOf(lookups.get(0).store(), partition);
        for (Lookup lookup : lookups) {
            if (lookup.prefix()) {
                reads.add(prefix(lookup.store(), partition, lookup.key(), PageRequest.first(limit), role));
            } else {
                KeyRead read = get(lookup.store(), partition, lookup.key(), role);
                reads.add(new PartitionRead(partition, read.value() == null ? List.of()
                        : List.of(new Entry(lookup.key(), read.value())), read.copy()));
            }
        }
        return reads;
    }

    /** Every lookup answered in full: for reads inside this instance. */
    List<PartitionRead> lookup(int partition, List<Lookup> lookups) {
        return lookup(partition, lookups, Integer.MAX_VALUE);
    }

    /** The whole partition: for reads inside this instance. */
    PartitionRead all(String store, int partition) {
        return page(store, partition, PageRequest.UNBOUNDED);
    }

    /** One page of the partition, in key order. */
    PartitionRead page(String store, int partition, PageRequest page) {
        return entries(store, partition, roleOf(store, partition), page, key -> true,
                kv -> page.after() == null ? kv.all() : kv.range(page.after(), null));
    }

    /** The entries of one partition whose String key starts with {@code prefix}: for reads inside this instance. */
    PartitionRead prefix(String store, int partition, String prefix) {
        return prefix(store, partition, prefix, PageRequest.UNBOUNDED);
    }

    /** One page of the entries whose String key starts with {@code prefix}. */
    PartitionRead prefix(String store, int partition, String prefix, PageRequest page) {
        return prefix(store, partition, prefix, page, roleOf(store, partition));
    }

    private PartitionRead prefix(String store, int partition, String prefix, PageRequest page, Freshness.Role role) {
        if (page.after() != null && !page.after().startsWith(prefix)) {
            throw new BadRequestException("after='" + page.after() + "' does not start with the prefix '" + prefix + "'");
        }
        // keys sharing a prefix are contiguous in the store's (byte) order: go on from 'after' while they match
        return entries(store, partition, role, page, key -> key.startsWith(prefix), kv -> page.after() == null
                ? kv.prefixScan(prefix, new StringSerializer()) : kv.range(page.after(), null));
    }

    private PartitionRead entries(String store, int partition, Freshness.Role role, PageRequest page,
                                  Predicate<String> inScope,
                                  Function<ReadOnlyKeyValueStore<Object, Object>, KeyValueIterator<Object, Object>> scan) {
        Read<Page> read = read(store, partition, role, kv -> {
            List<Entry> entries = new ArrayList<>();
            try (KeyValueIterator<Object, Object> it = scan.apply(kv)) {
                while (it.hasNext()) {
                    KeyValue<Object, Object> next = it.next();
                    String key = String.valueOf(next.key);
                    if (key.equals(page.after())) {
                        continue; // a range starts at 'after' itself, which the last page gave
                    }
                    if (!inScope.test(key)) {
                        break;
                    }
                    if (entries.size() == page.limit()) {
                        return new Page(entries, entries.get(entries.size() - 1).key());
                    }
                    entries.add(new Entry(key, next.value));
                }
            }
            return new Page(entries, null);
        });
        return new PartitionRead(partition, read.result().entries(),
                lags.copy(store, partition, QueryHosts.name(self), role, read.runningActive()), read.result().next());
    }

    private Freshness.Role roleOf(String store, int partition) {
        StoreDirectory.Owners owners = directory.forPartition(store, partition);
        if (owners.active().filter(self::equals).isPresent()) {
            return Freshness.Role.ACTIVE;
        }
        if (owners.standbys().contains(self)) {
            return Freshness.Role.STANDBY;
        }
        throw new UnavailableException("store-migrating", "Partition " + partition + " of store '" + store
                + "' is not on instance " + QueryHosts.name(self) + " (any more); retry shortly.");
    }

    private <R> Read<R> read(String store, int partition, Freshness.Role role,
                             Function<ReadOnlyKeyValueStore<Object, Object>, R> reader) {
        StoreQueryParameters<ReadOnlyKeyValueStore<Object, Object>> query =
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<Object, Object>keyValueStore())
                        .withPartition(partition);
        if (role == Freshness.Role.ACTIVE) {
            try {
                // without stale stores only a RUNNING active answers: if it does, this copy is current
                return new Read<>(reader.apply(streams.store(query)), true);
            } catch (InvalidStateStoreException restoringOrMoved) {
                // fall through: an active still restoring can answer stale
            }
        }
        try {
            return new Read<>(reader.apply(streams.store(query.enableStaleStores())), false);
        } catch (InvalidStateStoreException e) {
            throw new UnavailableException("store-migrating", "Partition " + partition + " of store '" + store
                    + "' is migrating on instance " + QueryHosts.name(self) + "; retry shortly.", e);
        } catch (IllegalStateException e) {
            throw new UnavailableException("not-ready", "The streams app on " + QueryHosts.name(self)
                    + " is not running (" + streams.state() + ").", e);
        }
    }
}
