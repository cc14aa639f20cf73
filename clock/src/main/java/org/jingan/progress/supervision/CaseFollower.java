package org.jingan.progress.supervision;

import org.jingan.progress.clock.CatchUpTickets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the supervision-cases topic into a {@link CaseBook}: a thread reads every partition from its beginning
 * ({@code read_committed}, no group: every follower reads all of it). {@link #catchUp} reads every step written before
 * the call, so a writer can check a step against the case as it stands before it writes.
 */
public final class CaseFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CaseFollower.class);

    private final String topic;
    private final CaseBook book = new CaseBook();
    private final KafkaConsumer<String, SupervisionCaseEvent> consumer;
    private final Thread thread;
    private final CatchUpTickets tickets = new CatchUpTickets();
    private volatile boolean closing;
    private volatile RuntimeException failure;
    /** The topic's partitions, read by the follower's thread; empty while the topic does not exist. */
    private List<TopicPartition> partitions;

    public CaseFollower(String topic, Map<String, ?> clientConfig, Map<String, ?> registryConfig, String clientId) {
        this.topic = topic;
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        SpecificAvroDeserializer<SupervisionCaseEvent> values = new SpecificAvroDeserializer<>(SupervisionCaseEvent.class);
        values.configure(registryConfig, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        this.thread = new Thread(this::run, clientId);
        this.thread.setDaemon(true);
    }

    /** Starts following and waits (up to {@code timeout}) until the steps written so far are read. */
    public CaseFollower start(Duration timeout) {
        thread.start();
        if (!catchUp(timeout)) {
            log.warn("The supervision cases on '{}' were not read within {}", topic, timeout);
        }
        return this;
    }

    public CaseBook book() {
        return book;
    }

    /** Whether the follower still reads (a failure stops it: no READ right, the topic gone). */
    public boolean healthy() {
        return failure == null && thread.isAlive();
    }

    /** Reads every step written before this call; false if that took longer than {@code timeout}. */
    public boolean catchUp(Duration timeout) {
        long ticket = tickets.request();
        consumer.wakeup();
        return tickets.await(ticket, timeout, () -> closing || failure != null);
    }

    private void run() {
        try {
            while (!closing) {
                try {
                    readOnce();
                } catch (WakeupException e) {
                    // a catch-up request (or closing): look again
                } catch (org.apache.kafka.common.errors.RetriableException e) {
                    // the broker is away (an outage, a restart): not a reason to stop following; a catch-up asked
                    // meanwhile times out, and readiness stays true only while the follower lives
                    log.warn("Cannot read the supervision cases on '{}' right now ({}); trying again", topic, e.getMessage());
                    sleepQuietly();
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            log.error("The supervision cases follower on '{}' stopped", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
            tickets.wakeAll();
        }
    }

    private void readOnce() {
        long ticket = tickets.newest();
        if (partitions == null || partitions.isEmpty()) {
            // no topic yet (a cluster set up before cases existed): nothing to read; look again in a while
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                tickets.served(ticket);
                sleepQuietly();
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = tickets.pending(ticket) ? consumer.endOffsets(partitions) : null;
        do {
            for (ConsumerRecord<String, SupervisionCaseEvent> r : consumer.poll(Duration.ofMillis(end != null ? 10 : 500))) {
                if (r.value() != null) {
                    book.apply(r.value());
                }
            }
        } while (!closing && end != null && !reached(end));
        if (end != null) {
            tickets.served(ticket);
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
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
