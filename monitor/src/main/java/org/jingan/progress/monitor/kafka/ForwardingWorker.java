package org.jingan.progress.monitor.kafka;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.monitor.board.AlertGroupKey;
import org.jingan.progress.monitor.group.AlertGrouper;
import org.jingan.progress.monitor.group.GroupNotice;
import org.jingan.progress.monitor.metrics.MonitorMetrics;
import org.jingan.progress.monitor.notify.WebhookForwarder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarding thread: takes live notices in read order into their groups ({@link AlertGrouper}), and about every
 * {@link #TICK_MILLIS} sends the grouped notices that are due. A notice counts as handled (its offset may be
 * committed) once its group has no news left unsent, so a change still waiting for its group's interval, or being
 * delivered at shutdown, is read again after a restart (at-least-once). Decoupled from the consumer so a slow or
 * failing webhook never stalls the console.
 */
final class ForwardingWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ForwardingWorker.class);
    private static final long TICK_MILLIS = 250;

    /** A live notice to handle; {@code alert} is null for a record that could not be read (only its offset counts). */
    record Job(TopicPartition partition, long offset, int epoch, Alert alert) {
    }

    /** A notice taken into its group ({@code group} null for an unreadable record), waiting to count as handled. */
    private record Absorbed(Job job, AlertGroupKey group) {
    }

    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    /** Per partition, in read order: notices taken into groups but not yet handled. Forwarding thread only, but
     *  revocations drop entries from the consumer thread: guarded by itself. */
    private final Map<TopicPartition, Deque<Absorbed>> absorbed = new HashMap<>();
    private final AlertGrouper grouper;
    private final WebhookForwarder forwarder;
    private final CommitTracker commits;
    private final MonitorMetrics metrics;
    /** The wall clock: silences expire and reminders fall due in operators' real time. */
    private final Clock clock;
    /** The district clock: group wait and group interval count in the district's days (also in a replayed year). */
    private final DistrictClock districtClock;
    private final Thread thread = new Thread(this::run, "monitor-forwarder");
    private volatile boolean closing;

    ForwardingWorker(AlertGrouper grouper, WebhookForwarder forwarder, CommitTracker commits, MonitorMetrics metrics,
                     Clock clock, DistrictClock districtClock) {
        this.grouper = grouper;
        this.forwarder = forwarder;
        this.commits = commits;
        this.metrics = metrics;
        this.clock = clock;
        this.districtClock = districtClock;
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

    /** Drops queued and waiting notices of revoked partitions: their new owner reads them again. */
    void dropQueued(Collection<TopicPartition> partitions) {
        queue.removeIf(job -> partitions.contains(job.partition()));
        synchronized (absorbed) {
            partitions.forEach(absorbed::remove);
        }
    }

    private void run() {
        while (!closing) {
            try {
                Job job = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                while (job != null) {
                    absorb(job);
                    job = queue.poll();
                }
                sendDue();
                markHandled();
            } catch (InterruptedException e) {
                log.info("Closing; notices whose group was not notified yet are read again after restart");
                return;
            } catch (RuntimeException e) {
                // Not expected; logged so nothing is lost silently, and forwarding goes on.
                log.error("Forwarding failed; trying again on the next tick", e);
            }
        }
    }

    private void absorb(Job job) {
        AlertGroupKey group = job.alert() == null ? null : grouper.observe(job.alert(), districtClock.now());
        synchronized (absorbed) {
            absorbed.computeIfAbsent(job.partition(), p -> new ArrayDeque<>()).add(new Absorbed(job, group));
        }
    }

    private void sendDue() throws InterruptedException {
        for (GroupNotice notice : grouper.due(districtClock.now(), clock.instant())) {
            metrics.groupNoticeMade(notice.status().name());
            forwarder.deliver(notice);
        }
    }

    /** Marks handled, per partition in read order, the notices whose group has nothing left to send. */
    private void markHandled() {
        Map<AlertGroupKey, Boolean> waiting = new HashMap<>();
        synchronized (absorbed) {
            for (Deque<Absorbed> inOrder : absorbed.values()) {
                while (!inOrder.isEmpty()) {
                    Absorbed head = inOrder.peekFirst();
                    if (head.group() != null && waiting.computeIfAbsent(head.group(),
                            g -> grouper.hasNews(g, clock.instant()))) {
                        break;
                    }
                    inOrder.pollFirst();
                    commits.handled(head.job().partition(), head.job().offset(), head.job().epoch());
                }
            }
        }
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
