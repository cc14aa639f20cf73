package org.jingan.progress.streams.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store that keeps what the processor writes as objects and writes them down, serialized once per key,
 * when the task flushes its caches right before each commit.
 *
 * <p>Why: Kafka's record cache serializes a value on every {@code put}, so a target's working state was serialized
 * on every report and every history point went through the cache's LRU bookkeeping and early evictions. Here a
 * {@code put} is a map put; the store beneath (metered, changelogged, caching off) gets the latest value of each
 * written key once per commit interval, inside the same transaction as the input offsets, exactly as a cache flush
 * would. A task closed dirty drops what is pending, as it drops its cache.
 *
 * <p>{@code get} sees pending writes from any thread (interactive queries included). Range scans on the stream
 * thread first write the pending values down; scans from other threads (interactive queries) see the store beneath,
 * which lags the newest writes by at most one commit interval, and so do interactive queries of the v2 API
 * ({@code query}), which go to the store beneath. Pending writes are also written down early once more than
 * {@code maxPending} keys wait, which bounds the memory.
 */
final class WriteBehindKeyValueStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
        implements KeyValueStore<K, V> {
    /** Marks a pending delete (the map takes no nulls). */
    private static final Object DELETED = new Object();

    private final Map<K, Object> pending = new ConcurrentHashMap<>();
    private final int maxPending;
    /** The stream thread that writes; only it may write pending values down from a scan. */
    private volatile Thread writer;

    WriteBehindKeyValueStore(KeyValueStore<K, V> inner, int maxPending) {
        super(inner);
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1, not " + maxPending);
        }
        this.maxPending = maxPending;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        pending.clear();
        super.init(context, root);
    }

    @Override
    public void put(K key, V value) {
        Thread current = Thread.currentThread();
        if (writer != current) {
            writer = current; // a volatile write only when the writing thread changes, not on every put
        }
        pending.put(key, value == null ? DELETED : value);
        if (pending.size() > maxPending) {
            writeDown();
        }
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        for (KeyValue<K, V> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public V delete(K key) {
        V old = get(key);
        put(key, null);
        return old;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        Object value = pending.get(key);
        if (value == DELETED) {
            return null;
        }
        return value != null ? (V) value : wrapped().get(key);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        writeDownIfWriter();
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        writeDownIfWriter();
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        writeDownIfWriter();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        writeDownIfWriter();
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        writeDownIfWriter();
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries() + pending.size();
    }

    /** Called by the task before every commit (and before a clean close): the pending writes go down now. */
    @Override
    public void flushCache() {
        writeDown();
        super.flushCache();
    }

    @Override
    public void clearCache() {
        pending.clear();
        super.clearCache();
    }

    @Override
    public void close() {
        pending.clear();
        super.close();
    }

    private void writeDownIfWriter() {
        if (!pending.isEmpty() && Thread.currentThread() == writer) {
            writeDown();
        }
    }

    /**
     * Writes the pending values down as one {@code putAll}, deletes included as null values, which RocksDB writes as
     * one batch (one native call instead of one per key: per-key RocksDB calls are what makes a store write dear, see
     * BENCHMARKS.md) and the changelog as tombstones. A {@code delete} beneath would also read and deserialize the old
     * value first, only to return it.
     */
    @SuppressWarnings("unchecked")
    private void writeDown() {
        if (pending.isEmpty()) {
            return;
        }
        List<KeyValue<K, V>> entries = new ArrayList<>(pending.size());
        for (Map.Entry<K, Object> e : pending.entrySet()) {
            Object value = e.getValue();
            entries.add(KeyValue.pair(e.getKey(), value == DELETED ? null : (V) value));
        }
        wrapped().putAll(entries);
        // removed only once written, so a concurrent get sees the value in one place or the other (only the stream
        // thread writes, and it is here)
        for (KeyValue<K, V> entry : entries) {
            pending.remove(entry.key);
        }
    }
}
