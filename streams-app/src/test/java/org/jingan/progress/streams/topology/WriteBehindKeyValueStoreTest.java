package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBehindKeyValueStoreTest {
    private KeyValueStore<String, String> beneath;
    private WriteBehindKeyValueStore<String, String> store;

    @BeforeEach
    void setUp() {
        open(100);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private void open(int maxPending) {
        beneath = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.String())
                .withLoggingDisabled().withCachingDisabled().build();
        store = new WriteBehindKeyValueStore<>(beneath, maxPending);
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void shouldWriteOnlyTheLatestValueDownWhenTheTaskFlushes() {
        store.put("a", "1");
        store.put("a", "2");
        store.put("b", "x");

        assertThat(store.get("a")).as("pending writes are visible").isEqualTo("2");
        assertThat(beneath.get("a")).as("nothing written down before the flush").isNull();

        store.flushCache();

        assertThat(beneath.get("a")).isEqualTo("2");
        assertThat(beneath.get("b")).isEqualTo("x");
        assertThat(store.get("a")).isEqualTo("2");
    }

    @Test
    void shouldHideADeletedKeyAtOnceAndDeleteItBeneathOnFlush() {
        store.put("a", "1");
        store.flushCache();

        assertThat(store.delete("a")).as("delete returns the old value").isEqualTo("1");
        assertThat(store.get("a")).isNull();
        assertThat(beneath.get("a")).isEqualTo("1");

        store.flushCache();
        assertThat(beneath.get("a")).isNull();
    }

    @Test
    void shouldWritePendingValuesDownBeforeAScanOnTheWritingThread() {
        store.put("a", "1");
        store.put("b", "2");
        store.delete("b");

        assertThat(keys(store.all())).containsExactly("a");
        assertThat(beneath.get("a")).isEqualTo("1");
    }

    @Test
    void shouldLetScansFromOtherThreadsSeeOnlyWhatWasWrittenDown() throws Exception {
        store.put("a", "1");
        store.flushCache();
        store.put("b", "2");

        List<String> seenByQuery = CompletableFuture.supplyAsync(() -> keys(store.all())).get();

        assertThat(seenByQuery).as("an interactive query does not write down").containsExactly("a");
        assertThat(CompletableFuture.supplyAsync(() -> store.get("b")).get()).isEqualTo("2");
    }

    @Test
    void shouldWriteDownEarlyWhenTooManyWritesArePending() {
        store.close();
        open(2);
        store.put("a", "1");
        store.put("b", "2");
        assertThat(beneath.get("a")).isNull();

        store.put("c", "3");

        assertThat(beneath.get("a")).isEqualTo("1");
        assertThat(beneath.get("c")).isEqualTo("3");
    }

    @Test
    void shouldDropPendingWritesWhenTheCacheIsCleared() {
        store.put("a", "1");

        store.clearCache();
        store.flushCache();

        assertThat(store.get("a")).isNull();
        assertThat(beneath.get("a")).isNull();
    }

    @Test
    void shouldCountPendingAndWrittenEntries() {
        store.putAll(List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2")));
        store.flushCache();
        assertThat(store.putIfAbsent("a", "9")).isEqualTo("1");
        assertThat(store.putIfAbsent("c", "3")).isNull();

        assertThat(store.approximateNumEntries()).isEqualTo(3);
        assertThat(store.get("a")).isEqualTo("1");
    }

    @Test
    void shouldWriteThePendingPutsAndDeletesDownAsOneBatch() {
        store.close();
        CountingStore counting = new CountingStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"),
                Serdes.String(), Serdes.String()).withLoggingDisabled().withCachingDisabled().build());
        beneath = counting;
        store = new WriteBehindKeyValueStore<>(counting, 100);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        store.put("gone", "0");
        store.flushCache();
        counting.calls.clear();

        store.put("a", "1");
        store.put("b", "2");
        store.put("c", "3");
        store.delete("gone");
        store.flushCache();

        assertThat(counting.calls).as("one batch, the delete a null value in it: no delete (and no read) per key")
                .containsExactly("putAll(4)");
        assertThat(keys(beneath.all())).containsExactly("a", "b", "c");
    }

    @Test
    void shouldDeleteFromRocksDbThroughTheBatch(@TempDir File stateDir) {
        store.close();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "write-behind-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        beneath = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("rocks"), Serdes.String(), Serdes.String())
                .withLoggingDisabled().withCachingDisabled().build();
        store = new WriteBehindKeyValueStore<>(beneath, 100);
        store.init(new MockProcessorContext<>(props, new TaskId(0, 0), stateDir).getStateStoreContext(), store);
        store.put("kept", "1");
        store.put("gone", "2");
        store.flushCache();

        store.delete("gone");
        store.put("new", "3");
        store.flushCache();

        assertThat(beneath.get("gone")).isNull();
        assertThat(keys(beneath.all())).containsExactly("kept", "new");
    }

    /** Beneath the write-behind layer: records how it is written to (RocksDB writes a putAll as one batch). */
    private static final class CountingStore extends WrappedStateStore<KeyValueStore<String, String>, String, String>
            implements KeyValueStore<String, String> {
        final List<String> calls = new ArrayList<>();

        CountingStore(KeyValueStore<String, String> inner) {
            super(inner);
        }

        @Override
        public void put(String key, String value) {
            calls.add("put(" + key + ")");
            wrapped().put(key, value);
        }

        @Override
        public String putIfAbsent(String key, String value) {
            calls.add("putIfAbsent(" + key + ")");
            return wrapped().putIfAbsent(key, value);
        }

        @Override
        public void putAll(List<KeyValue<String, String>> entries) {
            calls.add("putAll(" + entries.size() + ")");
            wrapped().putAll(entries);
        }

        @Override
        public String delete(String key) {
            calls.add("delete(" + key + ")");
            return wrapped().delete(key);
        }

        @Override
        public String get(String key) {
            return wrapped().get(key);
        }

        @Override
        public KeyValueIterator<String, String> range(String from, String to) {
            return wrapped().range(from, to);
        }

        @Override
        public KeyValueIterator<String, String> all() {
            return wrapped().all();
        }

        @Override
        public long approximateNumEntries() {
            return wrapped().approximateNumEntries();
        }
    }

    private static List<String> keys(KeyValueIterator<String, String> it) {
        List<String> keys = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }
}
