package org.jingan.progress.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;

/**
 * Live traffic at a steady rate: reports about "now" (event time = send time) on random targets, as departments
 * and sensors send them during the year. Runs on its own thread until stopped.
 */
final class LiveLoad implements Runnable {
    private final KafkaProducer<String, ProgressEvent> producer;
    private final String topic;
    private final List<Target> targets;
    private final double rate;
    private final long deadlineNanos;
    private final String idPrefix;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile double seconds;

    LiveLoad(KafkaProducer<String, ProgressEvent> producer, String topic, List<Target> targets, double rate,
             long deadlineNanos, String idPrefix) {
        this.producer = producer;
        this.topic = topic;
        this.targets = targets;
        this.rate = rate;
        this.deadlineNanos = deadlineNanos;
        this.idPrefix = idPrefix;
    }

    @Override
    public void run() {
        SplittableRandom random = new SplittableRandom(idPrefix.hashCode());
        Pacer pacer = new Pacer(rate);
        long started = System.nanoTime();
        while (pacer.next(deadlineNanos) && failure.get() == null) {
            Target t = targets.get(random.nextInt(targets.size()));
            long now = System.currentTimeMillis();
            ProgressEvent event = Reports.report(idPrefix + pacer.items(), t, Reports.kindFor(t),
                    Reports.amount(t, 365 * 24, 0.5 + random.nextDouble()), now, now, "SENSOR");
            producer.send(new ProducerRecord<>(topic, t.getId(), event), (md, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
            sent.incrementAndGet();
        }
        seconds = (System.nanoTime() - started) / 1e9;
    }

    long sent() {
        return sent.get();
    }

    double achievedRate() {
        return seconds > 0 ? sent.get() / seconds : 0;
    }

    Exception failure() {
        return failure.get();
    }
}
