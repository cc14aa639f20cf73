package org.jingan.progress.intake.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.registry.SchemaRegistryException;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.registry.UnknownSchemaIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the progress-events topic from its beginning, {@code read_committed}, and keeps reading: every stored event
 * goes to the listener, in each partition's order. This is the log the streams app deduplicates on, so the intake
 * learns from it which event ids are taken, after a restart and from other intake instances.
 *
 * <p>{@link #awaitCaughtUp} says when every event stored before {@link #start} was handed over. No consumer group:
 * every intake instance reads the whole topic (partitions added later are picked up within
 * {@value #PARTITION_CHECK_MS} ms). A record that cannot be decoded is skipped, as the streams app dead-letters it; a
 * fault of the schema registry is waited out, since skipping a readable event would forget its id.
 */
public final class EventLogFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventLogFollower.class);
    static final long PARTITION_CHECK_MS = 10_000;
    private static final long REGISTRY_BACKOFF_MAX_MS = 10_000;

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final SpecificAvroDeserializer<ProgressEvent> values = new SpecificAvroDeserializer<>(ProgressEvent.class);
    private final Consumer<StoredEvent> listener;
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
     * @param connection     bootstrap servers and the client's security settings
     * @param registryConfig {@code schema.registry.url} and the registry's settings
     * @param listener       called on the follower's thread for every stored event
     * @param onCaughtUp     called on the follower's thread once every event stored before {@link #start} was handed
     *                       to the listener
     */
    public EventLogFollower(String topic, Map<String, Object> connection, Map<String, ?> registryConfig,
                            Consumer<StoredEvent> listener, Runnable onCaughtUp) {
        this.topic = topic;
        this.listener = listener;
        this.onCaughtUp = onCaughtUp;
        var config = new HashMap<String, Object>(connection);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: every instance reads everything
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // another instance's event is seen within about this long: the window in which two instances can both
        // accept one id for different reports
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "progress-intake-event-log");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        values.configure(registryConfig, false);
        this.thread = new Thread(this::run, "intake-event-log-follower");
        this.thread.setDaemon(true);
    }

    public EventLogFollower start() {
        thread.start();
        return this;
    }

    /** True once every event stored before {@link #start} was handed to the listener; false after {@code timeout}. */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && failure == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Whether it is still reading: false after a failure it cannot get past (no right to read the topic). */
    public boolean healthy() {
        return failure == null && !closing;
    }

    /** What stopped it, or null. */
    public RuntimeException failure() {
        return failure;
    }

    /** How many events were handed over so far. */
    public long eventsRead() {
        return read.get();
    }

    private void run() {
        try {
            while (!closing) {
                try {
                    step();
                } catch (RetriableException e) {
                    // the broker cannot be reached (yet): not ready until it can, then go on where it was
                    log.warn("cannot read '{}' right now ({}); trying again", topic, e.getMessage());
                    sleep(1_000);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (AuthorizationException | AuthenticationException e) {
            failure = new IllegalStateException("the intake may not read '" + topic + "' (" + e.getMessage() + "): its"
                    + " Kafka principal needs READ and DESCRIBE on it (AccessPlan, SECURITY.md)", e);
            log.error("stopped following '{}': {}", topic, failure.getMessage());
        } catch (RuntimeException e) {
            failure = e;
            log.error("stopped following '{}' after {} events", topic, read.get(), e);
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
        if (!caughtUp() && reachedEndsAtStart()) {
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
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(caughtUp() ? 500 : 50));
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
        if (record.value() == null) {
            return true; // a tombstone: the streams app refuses it, there is nothing to remember
        }
        ProgressEvent event;
        try {
            event = values.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            if (registryFault(e)) {
                pause(e, record);
                return false;
            }
            log.warn("skipped undecodable record {}[{}]@{} (the streams app dead-letters it): {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return true;
        }
        registryFaultsInARow = 0;
        if (event == null || record.key() == null
                || !event.getTargetId().equals(new String(record.key(), StandardCharsets.UTF_8))) {
            return true; // not keyed by its target: the streams app refuses it as well
        }
        listener.accept(new StoredEvent(event, new Delivery(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()))));
        read.incrementAndGet();
        return true;
    }

    private void pause(RuntimeException e, ConsumerRecord<byte[], byte[]> record) {
        long wait = Math.min(REGISTRY_BACKOFF_MAX_MS, 250L << Math.min(registryFaultsInARow++, 10));
        log.error("schema registry fault decoding {}[{}]@{}: reading it again in {} ms", record.topic(),
                record.partition(), record.offset(), wait, e);
        sleep(wait);
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

    /** The registry's fault, not the record's (the streams app's deserialization handler draws the same line). */
    static boolean registryFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownSchemaIdException) {
                return true;
            }
            if (t instanceof SchemaRegistryException sre) {
                int status = sre.status();
                return status < 0 || status >= 500 || status == 401 || status == 403 || status == 408 || status == 429;
            }
        }
        return false;
    }

    private boolean reachedEndsAtStart() {
        if (endsAtStart.isEmpty()) {
            return true; // no partition yet: nothing was stored before the start
        }
        for (Map.Entry<TopicPartition, Long> end : endsAtStart.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
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
