package org.jingan.progress.stack.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.streams.topology.DeadLetterDeserializationHandler;
import org.jingan.progress.streams.topology.DeadLetterProcessingHandler;
import org.jingan.progress.streams.topology.ProgressSerdes;
import org.jingan.progress.streams.topology.ProgressStores;
import org.jingan.progress.streams.topology.ProgressTopology;
import org.jingan.progress.streams.topology.ProgressTopologyConfig;

/**
 * The demo year through the real topology in a TopologyTestDriver, the district clock moved as {@link DemoReplayer}
 * moves it (a tick at every midnight, the clock at a report's hour rounded up before the report, 23:00 on 31 December
 * at the end), every report published as it arrives. What the replay left: the alerts raised, the standings, and how
 * many records were dead-lettered. A test tool: it shows what the rules make of a whole year in seconds.
 */
final class DemoYearReplay implements AutoCloseable {
    private static final String DEAD_LETTERS = "progress-dead-letters";

    private final ProgressTopologyConfig config;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, Target> targets;
    private final TestInputTopic<String, ProgressEvent> events;
    private final TestInputTopic<String, ClockTick> clock;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private Instant now;

    /** The topology as the app's defaults build it, on the simulated clock at 1 January 2020. */
    DemoYearReplay() {
        this(ProgressTopologyConfig.builder().inMemoryStores(true)
                .clock(ClockMode.SIMULATED, ProgressTopologyConfig.DEFAULT_CLOCK_START).build());
    }

    DemoYearReplay(ProgressTopologyConfig config) {
        this.config = config;
        this.now = config.clockStart();
        Map<String, String> registry = Map.of("schema.registry.url", "mem://demo-year-" + UUID.randomUUID());
        ProgressSerdes serdes = ProgressSerdes.create(registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "demo-year-replay");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTERS);
        props.put(DeadLetterDeserializationHandler.BACKOFF_MAX_MS, "0");
        props.putAll(registry);
        driver = new TopologyTestDriver(ProgressTopology.build(config, registry), props, now);
        StringSerializer keys = new StringSerializer();
        targets = driver.createInputTopic(config.targetsTopic(), keys, serdes.targets().serializer());
        events = driver.createInputTopic(config.eventsTopic(), keys, serdes.events().serializer());
        clock = driver.createInputTopic(config.clockTopic(), keys, serdes.clockTicks().serializer());
        alerts = driver.createOutputTopic(config.alertsTopic(), new StringDeserializer(), serdes.alerts().deserializer());
        deadLetters = driver.createOutputTopic(DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Publishes {@code catalog} as the stack does before the replay starts. */
    DemoYearReplay publish(List<Target> catalog) {
        catalog.forEach(this::publish);
        return this;
    }

    /**
     * Moves the clock to {@code at} in one tick, as {@code bin/local-stack --clock-date} or {@code bin/clock set} do:
     * the replay then sends the reports dated before it at once.
     */
    DemoYearReplay jumpClockTo(Instant at) {
        tick(at);
        return this;
    }

    /** Replays {@code script} to the end of its year. */
    DemoYearReplay replay(DemoScript script) {
        for (DemoStep step : script.steps()) {
            moveClockAheadOf(step.eventTime());
            if (step instanceof DemoRevision revision) {
                Target revised = revision.revised();
                publish(Target.newBuilder(revised).setRevision(revised.getRevision() + 1).build());
            } else {
                ProgressEvent event = ((DemoReport) step).toProgressEvent();
                events.pipeInput(event.getTargetId(), event, now);
                wallClockRuns(config.publishInterval());
            }
        }
        moveClockTo(LocalDate.of(script.year(), 12, 31).atTime(23, 0).atZone(DemoGenerator.ZONE).toInstant());
        return this;
    }

    /** Every alert raised since the last call. */
    List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    int deadLetters() {
        return deadLetters.readRecordsToList().size();
    }

    ProgressSnapshot standing(String targetId) {
        return driver.<String, ProgressSnapshot>getKeyValueStore(ProgressStores.TARGET_STANDING).get(targetId);
    }

    private void publish(Target target) {
        targets.pipeInput(target.getId(), target, now);
        wallClockRuns(config.publishInterval());
    }

    /** As the replayer: to the report's hour rounded up, unless that is the next day. */
    private void moveClockAheadOf(Instant eventTime) {
        Instant hour = eventTime.truncatedTo(ChronoUnit.HOURS);
        Instant target = hour.equals(eventTime) ? eventTime : hour.plus(Duration.ofHours(1));
        moveClockTo(dayOf(target).equals(dayOf(eventTime)) ? target : eventTime);
    }

    /** A tick at the midnight of every day passed, so each day closes, then one at {@code target}. */
    private void moveClockTo(Instant target) {
        if (!target.isAfter(now)) {
            return;
        }
        for (LocalDate day = dayOf(now).plusDays(1); day.isBefore(dayOf(target)); day = day.plusDays(1)) {
            tick(day.atStartOfDay(DemoGenerator.ZONE).toInstant());
        }
        tick(target);
    }

    private void tick(Instant at) {
        clock.pipeInput(Topics.CLOCK_KEY, new ClockTick(at, "demo-year-replay"), at);
        now = at;
        wallClockRuns(config.clockCheckInterval());
    }

    private void wallClockRuns(Duration d) {
        driver.advanceWallClockTime(d);
    }

    private static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, DemoGenerator.ZONE);
    }

    @Override
    public void close() {
        driver.close();
    }
}
