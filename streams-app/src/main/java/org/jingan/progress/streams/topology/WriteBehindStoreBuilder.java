package org.jingan.progress.streams.topology;

import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds a {@link WriteBehindKeyValueStore} over the store of {@code inner} (Kafka's record cache off: the
 * write-behind layer is the cache). Logging settings pass through to {@code inner}.
 */
final class WriteBehindStoreBuilder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {
    private final StoreBuilder<KeyValueStore<K, V>> inner;
    private final int maxPending;

    WriteBehindStoreBuilder(StoreBuilder<KeyValueStore<K, V>> inner, int maxPending) {
        this.inner = inner.withCachingDisabled();
        this.maxPending = maxPending;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
        return this; // always: this layer is the cache
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
        inner.withLoggingDisabled();
        return this;
    }

    @Override
    public KeyValueStore<K, V> build() {
        return new WriteBehindKeyValueStore<>(inner.build(), maxPending);
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
