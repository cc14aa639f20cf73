package org.jingan.progress.monitor.decision;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.monitor.metrics.MonitorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The operators' decisions kept in Kafka: the compacted acknowledgements topic, keyed by dedup key, JSON values
 * ({@link OperatorDecision}), a tombstone when nothing is left to remember.
 *
 * <p>A reader thread reads the whole topic into the {@link DecisionStore} on start ({@link #awaitLoaded}: the
 * monitor notifies nothing before) and then follows it, so decisions made by another monitor instance apply here
 * too. {@link #update} writes through (acks=all) before it returns.
 */
public final class DecisionLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);
    private static final Duration MISSING_TOPIC_RETRY = Duration.ofSeconds(2);
    private static final String WRITER_HEADER = "monitor-writer";

    private final String topic;
    private final DecisionStore store;
    private final MonitorMetrics metrics;
    private final ObjectMapper json;
    private final KafkaConsumer<String, String> reader;
    private final KafkaProducer<String, String> writer;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final Thread readerThread;
    /** Marks our own writes, which the reader skips: they were applied when written, and re-applying a
     *  superseded one would briefly undo a later change. */
    private final byte[] writerId = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
    private volatile boolean started;
    private volatile boolean closing;
    private volatile String waitingFor = "not started";

    public DecisionLog(String bootstrapServers, String topic, Map<String, String> clientProperties,
                       DecisionStore store, MonitorMetrics metrics, ObjectMapper json) {
        this.topic = topic;
        this.store = store;
        this.metrics = metrics;
        this.json = json;
        Map<String, Object> consumerProps = new HashMap<>(clientProperties);
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "progress-monitor-decisions-reader");
        this.reader = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
        Map<String, Object> producerProps = new HashMap<>(clientProperties);
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "progress-monitor-decisions-writer");
        this.writer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
        this.readerThread = new Thread(this::readForever, "monitor-decisions-reader");
        this.readerThread.setDaemon(true);
    }

    public void start() {
        started = true;
        readerThread.start();
    }

    /** True once the topic was read to the end it had at start-up. */
    public boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    /** What the reader is waiting for while not loaded (for the readiness endpoint). */
    public String waitingFor() {
        return isLoaded() ? "" : waitingFor;
    }

    /** Waits until the topic was read to its end; false on timeout. */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Changes the decision of {@code dedupKey} and writes it to the topic (waiting for the broker's ack), then to
     * the store. Serialised, so concurrent changes of one key do not lose each other.
     */
    public synchronized OperatorDecision update(String dedupKey, UnaryOperator<OperatorDecision> change) {
        if (!isLoaded()) {
            throw new IllegalStateException("Operator decisions are still being read from topic '" + topic
                    + "' (" + waitingFor + "); try again in a moment");
        }
        OperatorDecision next = change.apply(store.get(dedupKey));
        String value = next.isEmpty() ? null : write(next);
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, dedupKey, value);
            record.headers().add(WRITER_HEADER, writerId);
            writer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while saving the decision for " + dedupKey, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not save the decision for " + dedupKey + " to topic '" + topic
                    + "': " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
        store.put(dedupKey, next);
        return next;
    }

    private void readForever() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions == null) {
                return;
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = reader.endOffsets(partitions);
            waitingFor = "reading decisions topic '" + topic + "' to offsets " + endAtStart.values();
            while (!closing) {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (!isLoaded() && endAtStart.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue())) {
                    log.info("Read {} operator decision(s) from '{}'", store.size(), topic);
                    loaded.countDown();
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("Reading operator decisions from '{}' failed; acknowledgements made elsewhere will not be seen"
                    + " until restart", topic, e);
            waitingFor = "decisions reader failed: " + e.getMessage();
        } finally {
            reader.close(Duration.ofSeconds(5));
        }
    }

    /** The topic's partitions, waiting (and saying so) while it does not exist yet. Null when closing. */
    private List<TopicPartition> awaitPartitions() {
        while (!closing) {
            List<PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            waitingFor = "topic '" + topic + "' does not exist: create it compacted (local-cluster TopicSetup creates"
                    + " Topics.ALERT_ACKS)";
            log.warn("Waiting for the operator decisions topic: {}", waitingFor);
            try {
                Thread.sleep(MISSING_TOPIC_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void apply(ConsumerRecord<String, String> record) {
        Header writer = record.headers().lastHeader(WRITER_HEADER);
        if (writer != null && Arrays.equals(writer.value(), writerId)) {
            return;
        }
        if (record.key() == null) {
            metrics.invalidRecord(topic, "no_key");
            log.error("Skipped decision record without key at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        if (record.value() == null) {
            store.put(record.key(), null);
            return;
        }
        try {
            OperatorDecision decision = json.readValue(record.value(), OperatorDecision.class);
            store.put(record.key(), decision);
        } catch (JsonProcessingException e) {
            metrics.invalidRecord(topic, "bad_json");
            log.error("Skipped unreadable decision for '{}' at {}-{}@{}: {}. Value was: {}", record.key(),
                    record.topic(), record.partition(), record.offset(), e.getOriginalMessage(), record.value());
        }
    }

    private String write(OperatorDecision decision) {
        try {
            return json.writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write decision " + decision, e);
        }
    }

    @Override
    public void close() {
        closing = true;
        reader.wakeup();
        if (started) {
            try {
                readerThread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            reader.close(Duration.ofSeconds(5));
        }
        writer.close(Duration.ofSeconds(5));
    }
}
