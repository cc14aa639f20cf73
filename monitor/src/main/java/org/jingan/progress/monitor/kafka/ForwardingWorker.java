package org.jingan.progress.monitor.kafka;

import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.kafka.common.TopicPartition;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.monitor.decision.DecisionStore;
import org.jingan.progress.monitor.metrics.MonitorMetrics;
import org.jingan.progress.monitor.notify.NotificationPolicy;
import org.jingan.progress.monitor.notify.NotificationPolicy.Verdict;
import org.jingan.progress.monitor.notify.WebhookForwarder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarding thread: takes live notices in read order, asks the {@link NotificationPolicy} (with the
 * operators' decisions as they are at that moment), forwards, and then marks the notice handled so its offset can
 * be committed. Decoupled from the consumer so a slow or failing webhook never stalls the console.
 */
final class ForwardingWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ForwardingWorker.class);

    /** A live notice to handle; {@code alert} is null for a record that could not be read (only its offset counts). */
    record Job(TopicPartition partition, long offset, int epoch, Alert alert) {
    }

    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final NotificationPolicy policy;
    private final DecisionStore decisions;
    private final WebhookForwarder forwarder;
    private final CommitTracker commits;
    private final MonitorMetrics metrics;
    /** The wall clock, not the district clock: silences expire and repeats fall due in operators' real time. */
    private final Clock clock;
    private final Thread thread = new Thread(this::run, "monitor-forwarder");
    private volatile boolean closing;

    ForwardingWorker(NotificationPolicy policy, DecisionStore decisions, WebhookForwarder forwarder,
                     CommitTracker commits, MonitorMetrics metrics, Clock clock) {
        this.policy = policy;
        this.decisions = decisions;
        this.forwarder = forwarder;
        this.commits = commits;
        this.metrics = metrics;
        this.clock = clock;
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void submit(Job job) {
        queue.add(job);
    }

    int pending() {
        return queue.size();
    }

    /** Drops queued notices of revoked partitions: their new owner reads them again. */
    void dropQueued(java.util.Collection<TopicPartition> partitions) {
        queue.removeIf(job -> partitions.contains(job.partition()));
    }

    private void run() {
        while (!closing) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                handle(job);
            } catch (InterruptedException e) {
                log.info("Closing while forwarding {}; it is read again after restart", job.alert().getAlertId());
                return;
            } catch (RuntimeException e) {
                // Not expected; logged with the notice so nothing is lost silently, and handling goes on.
                log.error("Failed to handle notice at {}@{}: {}", job.partition(), job.offset(), job.alert(), e);
            }
            commits.handled(job.partition(), job.offset(), job.epoch());
        }
    }

    private void handle(Job job) throws InterruptedException {
        Alert alert = job.alert();
        if (alert == null) {
            return;
        }
        Verdict verdict = policy.decide(alert, decisions.get(alert.getDedupKey()), clock.instant());
        if (verdict != Verdict.FORWARD) {
            metrics.notificationSuppressed(alert, verdict.reason());
            log.info("Not forwarding {} {}: {}", alert.getState(), alert.getAlertId(), verdict);
            return;
        }
        forwarder.deliver(alert);
    }

    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
