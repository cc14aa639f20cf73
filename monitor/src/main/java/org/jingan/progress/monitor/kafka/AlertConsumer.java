package org.jingan.progress.monitor.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.monitor.MonitorConfig;
import org.jingan.progress.monitor.board.AlertBoard;
import org.jingan.progress.monitor.board.BoardListener;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.monitor.group.AlertGrouper;
import org.jingan.progress.monitor.decision.DecisionLog;
import org.jingan.progress.monitor.metrics.MonitorMetrics;
import org.jingan.progress.monitor.notify.WebhookForwarder;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * Reads the alerts topic in the monitor's consumer group ({@code read_committed}, manual commits) and keeps the
 * board current; live notices go to the {@link ForwardingWorker}, and an offset is committed only after the
 * notice before it was handled there (at-least-once).
 *
 * <p>On every assignment the partition is read from its beginning: notices before the committed offset were
 * handled before a restart and only rebuild the board and the notification memory ("replay"); notices from the
 * committed offset on are live. A group without a committed offset takes the history as already handled and
 * treats only new notices as live. Nothing is read before the operators' decisions were loaded, so an
 * acknowledged alert is never notified again after a restart.
 */
public final class AlertConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertConsumer.class);
    /** Stop reading while this many live notices wait for forwarding (a webhook is down); resume at half. */
    private static final int MAX_PENDING_FORWARDS = 1_000;

    private final MonitorConfig config;
    private final AlertBoard board;
    private final BoardListener listener;
    private final DecisionLog decisionLog;
    private final AlertGrouper grouper;
    private final MonitorMetrics metrics;
    private final Clock clock;
    private final KafkaConsumer<String, Alert> consumer;
    private final KafkaClientMetrics consumerMetrics;
    private final CommitTracker commits = new CommitTracker();
    private final ForwardingWorker worker;
    private final Thread thread = new Thread(this::run, "monitor-alerts-consumer");
    /** Per assigned partition: offsets below it are replayed, not forwarded. */
    private final Map<TopicPartition, Long> liveFrom = new ConcurrentHashMap<>();
    private final Set<TopicPartition> replaying = ConcurrentHashMap.newKeySet();
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private volatile boolean started;
    private volatile boolean closing;
    private volatile boolean paused;
    private volatile String failure;

    public AlertConsumer(MonitorConfig config, AlertBoard board, BoardListener listener, DecisionLog decisionLog,
                         AlertGrouper grouper, WebhookForwarder forwarder, MonitorMetrics metrics,
                         DistrictClock districtClock) {
        this.config = config;
        this.board = board;
        this.listener = listener;
        this.decisionLog = decisionLog;
        this.grouper = grouper;
        this.metrics = metrics;
        this.clock = config.wallClock(); // silences and the repeat interval: operators' time
        this.worker = new ForwardingWorker(grouper, forwarder, commits, metrics, clock, districtClock);

        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "-alerts");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Object> serdeConfig = new HashMap<>(config.clientProperties());
        serdeConfig.put("schema.registry.url", config.schemaRegistryUrl());
        SpecificAvroDeserializer<Alert> values = new SpecificAvroDeserializer<>(Alert.class);
        values.configure(serdeConfig, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        this.consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(metrics.registry());
        metrics.gauge("monitor.forward.pending", "Live notices waiting for forwarding", worker::pending);
    }

    public void start() {
        started = true;
        worker.start();
        thread.start();
    }

    /** True once partitions are assigned and their history is replayed onto the board. */
    public boolean isCaughtUp() {
        return !assigned.isEmpty() && replaying.isEmpty() && failure == null;
    }

    /** What readiness waits for, in words. */
    public String waitingFor() {
        if (failure != null) {
            return "alerts consumer failed: " + failure;
        }
        if (assigned.isEmpty()) {
            return "no partition of '" + config.alertsTopic() + "' assigned to group '" + config.groupId() + "' yet";
        }
        return replaying.isEmpty() ? "" : "replaying history of " + replaying;
    }

    private void run() {
        try {
            while (!closing && !decisionLog.awaitLoaded(Duration.ofSeconds(1))) {
                // notify nothing before every acknowledgement and silence is known
            }
            consumer.subscribe(List.of(config.alertsTopic()), new Rebalance());
            while (!closing) {
                pollOnce();
                commitHandled();
                applyBackpressure();
            }
        } catch (WakeupException e) {
            if (!closing) {
                fail(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            worker.close();
            try {
                commitHandled();
            } catch (RuntimeException e) {
                log.warn("Final commit failed; the last handled notices are read again next time: {}", e.toString());
            }
            consumerMetrics.close();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void fail(RuntimeException e) {
        failure = e.toString();
        log.error("The alerts consumer stopped; the monitor is not ready and must be restarted", e);
    }

    private void pollOnce() {
        Iterable<ConsumerRecord<String, Alert>> records;
        try {
            records = consumer.poll(Duration.ofMillis(200));
        } catch (RecordDeserializationException e) {
            skipUnreadable(e);
            return;
        }
        for (ConsumerRecord<String, Alert> record : records) {
            handle(record);
        }
        for (TopicPartition p : Set.copyOf(replaying)) {
            if (consumer.position(p) >= liveFrom.getOrDefault(p, 0L)) {
                replaying.remove(p);
                log.info("Replayed history of {}; live from offset {}", p, liveFrom.get(p));
                listener.reloaded();
            }
        }
    }

    private void handle(ConsumerRecord<String, Alert> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        boolean live = record.offset() >= liveFrom.getOrDefault(partition, 0L);
        Alert alert = record.value();
        if (alert == null) {
            metrics.invalidRecord(record.topic(), "null_value");
            log.error("Skipped alert record without value at {}@{} (key {})", partition, record.offset(), record.key());
        } else {
            metrics.alertReceived(alert, !live);
            // The record's timestamp is the wall-clock time the streams app raised the notice (its raisedAt is
            // district time): the repeat interval counts in wall-clock time, as operators live it.
            Instant raisedOnTheWallClock = Instant.ofEpochMilli(record.timestamp());
            AlertBoard.Change change = board.apply(alert, record.partition(), raisedOnTheWallClock);
            if (!live) {
                grouper.remember(alert, raisedOnTheWallClock);
            } else {
                listener.changed(change, alert);
            }
        }
        if (live) {
            worker.submit(new ForwardingWorker.Job(partition, record.offset(), commits.epoch(partition), alert));
        }
    }

    /** A record that is not a readable Alert is logged with where it is, counted, and stepped over. */
    private void skipUnreadable(RecordDeserializationException e) {
        TopicPartition partition = e.topicPartition();
        metrics.invalidRecord(partition.topic(), "undeserializable");
        log.error("Skipped unreadable alert record at {}@{}: {}. Fix the producer; the record stays in the topic for"
                + " inspection.", partition, e.offset(), e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        consumer.seek(partition, e.offset() + 1);
        if (e.offset() >= liveFrom.getOrDefault(partition, 0L)) {
            worker.submit(new ForwardingWorker.Job(partition, e.offset(), commits.epoch(partition), null));
        }
    }

    private void commitHandled() {
        Map<TopicPartition, OffsetAndMetadata> offsets = commits.takeCommittable(consumer.assignment());
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            if (e instanceof WakeupException) {
                commits.restore(offsets);
                throw e;
            }
            commits.restore(offsets);
            log.warn("Committing {} failed, retrying with the next poll: {}", offsets, e.toString());
        }
    }

    private void applyBackpressure() {
        int pending = worker.pending();
        if (!paused && pending >= MAX_PENDING_FORWARDS) {
            consumer.pause(consumer.assignment());
            paused = true;
            log.warn("{} notices wait for forwarding (webhook slow or down): pausing the alerts consumer", pending);
        } else if (paused && pending <= MAX_PENDING_FORWARDS / 2) {
            consumer.resume(consumer.paused());
            paused = false;
            log.info("Forwarding caught up: resuming the alerts consumer");
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitHandled();
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> startingPoints = new HashMap<>();
            for (TopicPartition p : partitions) {
                OffsetAndMetadata c = committed.get(p);
                long from = c != null ? c.offset() : ends.getOrDefault(p, 0L);
                if (c == null) {
                    startingPoints.put(p, new OffsetAndMetadata(from));
                }
                liveFrom.put(p, from);
                commits.assigned(p);
                replaying.add(p);
                assigned.add(p);
            }
            if (!startingPoints.isEmpty()) {
                // record where this new group starts, so a notice read after it stays live across a restart
                consumer.commitSync(startingPoints);
            }
            consumer.seekToBeginning(partitions);
            if (paused) {
                consumer.pause(partitions);
            }
            log.info("Assigned {}; replaying history, live from {}", partitions, liveFrom);
        }

        private void forget(Collection<TopicPartition> partitions) {
            commits.revoked(partitions);
            worker.dropQueued(partitions);
            partitions.forEach(p -> {
                liveFrom.remove(p);
                replaying.remove(p);
                assigned.remove(p);
            });
            board.dropPartitions(partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet()));
            listener.reloaded();
        }
    }

    @Override
    public void close() {
        closing = true;
        if (!started) {
            consumerMetrics.close();
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
