package org.jingan.progress.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a topic of Avro values from its beginning, {@code read_committed}, with no consumer group (every reader reads
 * every partition; partitions added later are picked up within {@value #PARTITION_CHECK_MS} ms), and keeps reading.
 * Each keyed record goes to the {@link Handler} on the follower's thread, in its partition's order.
 * {@link #awaitCaughtUp} says when everything on the topic at the start was handed over.
 *
 * <p>A record that cannot be decoded is skipped (the streams app refuses it too); a fault of the schema registry is
 * waited out and the record read again, since skipping a readable record would lose what it says.
 */
public final class TopicFollower<V extends SpecificRecord> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
    static final long PARTITION_CHECK_MS = 10_000;
    private static final long REGISTRY_BACKOFF_MAX_MS = 10_000;

    /** What the follower hands over, on its own thread. */
    public interface Handler<V> {
        /** A keyed record: its value, or null for a tombstone. */
        void accept(String key, V value, ConsumerRecord<byte[], byte[]> record);
    }

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final SpecificAvroDeserializer<V> values;
    private final Handler<V> handler;
    private final Runnable onCaughtUp;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicLong read = new AtomicLong();
    /** The end of each partition when it was first assigned: reaching all of them is "caught up". */
    private final Map<TopicPartition, Long> endsAtStart = new HashMap<>();
    private volatile RuntimeException failure;
    private volatile boolean closing;
    private long partitionsCheckedAt;
    private int registryFaultsInARow;

    /**
     * @param clientConfig   bootstrap servers and the client's settings (its principal needs READ and DESCRIBE on the
     *                       topic); a group id in it is ignored
     * @param registryConfig {@code schema.registry.url} and the registry's settings
     * @param onCaughtUp     run on the follower's thread once, when everything on the topic at the start was handed over
     */
    public TopicFollower(String topic, Class<V> type, Map<String, ?> clientConfig, Map<String, ?> registryConfig,
                         Handler<V> handler, Runnable onCaughtUp) {
        this.topic = topic;
        this.handler = handler;
        this.onCaughtUp = onCaughtUp;
        var config = new HashMap<String, Object>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: every reader reads everything
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "follower-" + topic);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.values = new SpecificAvroDeserializer<>(type);
        values.configure(registryConfig, false);
        this.thread = new Thread(this::run, "follower-" + topic);
        this.thread.setDaemon(true);
    }

    public TopicFollower<V> start() {
        thread.start();
        return this;
    }

    /** True once everything on the topic at {@link #start} was handed over; false after {@code timeout} or a failure. */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && failure == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean caughtUp() {
        return caughtUp.getCount() == 0 && failure == null;
    }

    /** Still reading: false after a failure it cannot get past (no right to read the topic) or once closed. */
    public boolean healthy() {
        return failure == null && !closing;
    }

    /** What stopped it, or null. */
    public RuntimeException failure() {
        return failure;
    }

    /** Records handed over so far (values and tombstones). */
    public long recordsRead() {
        return read.get();
    }

    private void run() {
        try {
            while (!closing) {
                try {
                    step();
                } catch (RetriableException e) {
                    // the broker cannot be reached (yet): go on where it was once it can
                    log.warn("cannot read '{}' right now ({}); trying again", topic, e.getMessage());
                    sleep(1_000);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (AuthorizationException | AuthenticationException e) {
            failure = new IllegalStateException("may not read '" + topic + "' (" + e.getMessage()
                    + "): the principal needs READ and DESCRIBE on it (AccessPlan, SECURITY.md)", e);
            log.error("stopped following '{}': {}", topic, failure.getMessage());
        } catch (RuntimeException e) {
            failure = e;
            log.error("stopped following '{}' after {} records", topic, read.get(), e);
        } finally {
            caughtUp.countDown(); // waiters see failure()
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void step() {
        if (System.currentTimeMillis() - partitionsCheckedAt >= PARTITION_CHECK_MS) {
            assignNewPartitions();
        }
        readOnce();
        if (caughtUp.getCount() > 0 && reachedEndsAtStart()) {
            log.info("read '{}' to where it ended at the start: {} records", topic, read.get());
            onCaughtUp.run();
            caughtUp.countDown();
        }
    }

    private void assignNewPartitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        partitionsCheckedAt = System.currentTimeMillis();
        List<TopicPartition> fresh = infos == null ? List.of() : infos.stream()
                .map(p -> new TopicPartition(topic, p.partition())).filter(p -> !endsAtStart.containsKey(p)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        endsAtStart.putAll(consumer.endOffsets(fresh, Duration.ofSeconds(30)));
        consumer.assign(endsAtStart.keySet());
        consumer.seekToBeginning(fresh);
    }

    private void readOnce() {
        if (endsAtStart.isEmpty()) {
            sleep(200); // the topic has no partition yet (not created): poll() needs an assignment
            return;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(caughtUp.getCount() == 0 ? 500 : 50));
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (!handOver(record)) {
                    consumer.seek(partition, record.offset()); // read it again once the registry answers
                    break;
                }
            }
        }
    }

    /** False when the registry failed to decode the record (it is read again after a pause). */
    private boolean handOver(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return true; // unkeyed: every followed topic is keyed, the streams app refuses it too
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        V value = null;
        if (record.value() != null) {
            try {
                value = values.deserialize(record.topic(), record.headers(), record.value());
            } catch (RuntimeException e) {
                if (SchemaRegistryException.isRegistryFault(e)) {
                    long wait = Math.min(REGISTRY_BACKOFF_MAX_MS, 250L << Math.min(registryFaultsInARow++, 10));
                    log.error("schema registry fault decoding {}[{}]@{}: reading it again in {} ms", record.topic(),
                            record.partition(), record.offset(), wait, e);
                    sleep(wait);
                    return false;
                }
                log.warn("skipped undecodable record {}[{}]@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                return true;
            }
            registryFaultsInARow = 0;
        }
        handler.accept(key, value, record);
        read.incrementAndGet();
        return true;
    }

    private boolean reachedEndsAtStart() {
        if (endsAtStart.isEmpty()) {
            return partitionsCheckedAt > 0; // the topic has no partition: nothing was on it at the start
        }
        for (Map.Entry<TopicPartition, Long> end : endsAtStart.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Sleeps in short steps, so that closing does not wait for a long pause. */
    private void sleep(long millis) {
        long until = System.currentTimeMillis() + millis;
        try {
            while (!closing && System.currentTimeMillis() < until) {
                Thread.sleep(Math.min(100, millis));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    @Override
    public void close() {
        closing = true;
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(2));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
