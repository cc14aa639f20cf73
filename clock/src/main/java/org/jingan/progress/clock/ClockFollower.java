package org.jingan.progress.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the simulated district clock: a thread reads the district-clock topic from its beginning (it is compacted:
 * the latest tick is all that matters) into a {@link SimulatedClock}. {@link #catchUp} reads every tick written
 * before the call, so a component that is told "the clock moved" (a report dated after what it last read) can check
 * before it refuses anything.
 */
public final class ClockFollower implements DistrictClock, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClockFollower.class);

    private final SimulatedClock clock;
    private final KafkaConsumer<String, ClockTick> consumer;
    private final TopicPartition partition;
    private final Thread thread;
    private final CatchUpTickets tickets = new CatchUpTickets();
    private volatile boolean closing;

    /**
     * @param start         where the clock stands until the topic says otherwise
     * @param clientConfig  bootstrap servers and any client settings (security)
     * @param registryConfig {@code schema.registry.url} and the serde settings
     */
    public ClockFollower(Instant start, Map<String, ?> clientConfig, Map<String, ?> registryConfig) {
        this(Topics.CLOCK.name(), start, clientConfig, registryConfig);
    }

    public ClockFollower(String topic, Instant start, Map<String, ?> clientConfig, Map<String, ?> registryConfig) {
        this.clock = new SimulatedClock(start);
        this.partition = new TopicPartition(topic, 0);
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a broker answers one connection's requests in order: the end-offsets question of a catch-up waits behind
        // the idle fetch parked at the broker, so park it briefly (one small fetch every 50 ms while idle)
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "district-clock-follower");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: every follower reads the whole topic
        SpecificAvroDeserializer<ClockTick> values = new SpecificAvroDeserializer<>(ClockTick.class);
        values.configure(registryConfig, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        this.thread = new Thread(this::run, "district-clock-follower");
        this.thread.setDaemon(true);
    }

    /** Starts following and waits (up to {@code timeout}) until the ticks written so far are read. */
    public ClockFollower start(Duration timeout) {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        thread.start();
        if (!catchUp(timeout)) {
            log.warn("The district clock on '{}' was not read within {}; it stands at {} until it is", partition.topic(),
                    timeout, clock.now());
        }
        return this;
    }

    /** Reads every tick written before this call; false if that took longer than {@code timeout}. */
    public boolean catchUp(Duration timeout) {
        long ticket = tickets.request();
        consumer.wakeup(); // an idle poll would otherwise hold the request for up to its timeout
        return tickets.await(ticket, timeout, () -> closing);
    }

    private void run() {
        try {
            while (!closing) {
                try {
                    readOnce();
                } catch (WakeupException e) {
                    // a catch-up request (or closing): the loop looks again
                }
            }
        } catch (RuntimeException e) {
            log.error("The district clock follower stopped: the clock stands at {}", clock.now(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
            tickets.wakeAll();
        }
    }

    /** One poll, or, when a catch-up was requested, every tick up to the end offset as of now. */
    private void readOnce() {
        long ticket = tickets.newest();
        long end = tickets.pending(ticket) ? consumer.endOffsets(Set.of(partition)).get(partition) : -1;
        do {
            for (ConsumerRecord<String, ClockTick> r : consumer.poll(Duration.ofMillis(end >= 0 ? 10 : 500))) {
                if (r.value() != null && Topics.CLOCK_KEY.equals(r.key())) {
                    clock.advanceTo(r.value().getNow().toEpochMilli());
                }
            }
        } while (!closing && end >= 0 && consumer.position(partition) < end);
        if (end >= 0) {
            tickets.served(ticket);
        }
    }

    @Override
    public long millis() {
        return clock.millis();
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public void close() {
        closing = true;
        if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(2)); // never started: the thread that would close it never ran
            return;
        }
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "simulated clock followed from '" + partition.topic() + "' (" + now() + ")";
    }
}
