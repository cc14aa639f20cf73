package org.jingan.progress.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.clock.ClockFollower;
import org.jingan.progress.clock.ClockSetter;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.stack.ClockTopic;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo moving the simulated district clock, on the real broker and registry: every report is posted with the
 * clock already at or past its date (the sink reads the clock's topic to its end before it takes a report), the clock
 * never moves backwards, every day gets a tick, no hour gets two, a resumed replay goes on where the clock stands, an
 * operator's move is followed, and the year ends with the clock at 23:00 on 31 December.
 */
class DemoClockTest {
    private static final List<Target> CATALOG = Catalog.loadDefault().targets();
    private static final DemoScript SCRIPT = DemoGenerator.generate(CATALOG, DemoGenerator.DEFAULT_SEED);
    private static final Instant JANUARY_FIRST = at(2020, 1, 1, 0, 0);
    private static final Instant YEAR_END = at(2020, 12, 31, 23, 0);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestCluster cluster = TestCluster.get();
    private final Map<String, Object> client = cluster.clientConfig();

    @TempDir
    Path dataDir;

    @Test
    void shouldMoveTheClockAheadOfEveryReportThroughEveryDayAndLeaveItAtTheYearsEnd() {
        String topic = clockTopic();
        try (ClockFollower demoView = follower(topic); ClockWatchingSink sink = new ClockWatchingSink(topic);
             ClockFollower sinkView = follower(topic); DistrictDemoClock clock = demoClock(topic, demoView)) {
            List<Instant> told = new CopyOnWriteArrayList<>();
            ReplayListener listener = new ReplayListener() {
                @Override
                public void clockMoved(Instant now) {
                    told.add(now);
                }
            };
            DemoReplayer replayer = new DemoReplayer(SCRIPT, sink, ReplaySpeed.MAX, ReplayPositionStore.in(dataDir),
                    listener, clock);

            replayer.run();

            assertThat(replayer.failure()).isNull();
            assertThat(replayer.isFinished()).isTrue();
            assertThat(sink.seen).as("every report and revision, each with the clock when it was sent")
                    .hasSize(SCRIPT.size());
            assertThat(sink.seen).allSatisfy(s -> assertThat(s.clock()).as(s.what()).isAfterOrEqualTo(s.eventTime()));

            List<ClockTick> ticks = ClockTopic.ticks(topic, client, WAIT);
            List<Instant> times = ticks.stream().map(ClockTick::getNow).toList();
            assertThat(ticks).extracting(ClockTick::getSetBy).containsOnly(DistrictDemoClock.SET_BY);
            assertThat(times).as("the clock never moves backwards").isSortedAccordingTo(Comparator.naturalOrder())
                    .doesNotHaveDuplicates();
            assertThat(told).as("what the listener was told").containsExactlyElementsOf(times);
            assertThat(times.get(times.size() - 1)).as("the year's end").isEqualTo(YEAR_END);
            Set<LocalDate> days = times.stream().map(DemoClockTest::day).collect(Collectors.toCollection(TreeSet::new));
            assertThat(days).as("a tick on every day after the start, so every day closes")
                    .containsExactlyElementsOf(LocalDate.of(2020, 1, 2).datesUntil(LocalDate.of(2021, 1, 1)).toList());
            assertAtMostOneTickAnHour(times);
            assertThat(sinkView.catchUp(WAIT)).isTrue();
            assertThat(sinkView.now()).isEqualTo(YEAR_END);

            // A restart after the end: nothing to post, the clock stays where the year left it.
            DemoReplayer again = new DemoReplayer(SCRIPT, sink, ReplaySpeed.MAX, ReplayPositionStore.in(dataDir),
                    ReplayListener.NONE, clock);
            again.run();
            assertThat(again.isFinished()).isTrue();
            assertThat(ClockTopic.ticks(topic, client, WAIT)).hasSameSizeAs(ticks);
        }
    }

    @Test
    void shouldFollowTheHoursBetweenReportsAndResumeWhereTheClockStands() {
        // Two reports on 1 January, one late on 2 January, one at 01:00 on 3 January; a day takes two seconds.
        DemoScript script = scriptOf(at(2020, 1, 1, 2, 30), at(2020, 1, 1, 5, 10), at(2020, 1, 2, 23, 30),
                at(2020, 1, 3, 1, 0));
        ReplaySpeed dayIn2s = ReplaySpeed.ratio(Duration.ofDays(1), Duration.ofSeconds(2));
        String topic = clockTopic();
        ReplayPositionStore positions = ReplayPositionStore.in(dataDir);
        Instant stoppedAt;
        ClockWatchingSink firstSink;
        try (ClockFollower demoView = follower(topic); DistrictDemoClock clock = demoClock(topic, demoView)) {
            firstSink = new ClockWatchingSink(topic);
            DemoReplayer first = new DemoReplayer(script, firstSink, dayIn2s, positions, ReplayListener.NONE, clock)
                    .start();
            await().atMost(WAIT).until(() -> first.position() >= 2);
            first.close();
            assertThat(first.position()).as("stopped before 2 January's report is due").isEqualTo(2);
            stoppedAt = clock.now();
            firstSink.close();
        }
        List<Instant> firstRun = times(topic);
        assertThat(stoppedAt).isEqualTo(firstRun.get(firstRun.size() - 1)).isBefore(at(2020, 1, 2, 0, 0));

        ClockWatchingSink secondSink;
        try (ClockFollower demoView = follower(topic); DistrictDemoClock clock = demoClock(topic, demoView)) {
            assertThat(clock.now()).as("the topic holds the time").isEqualTo(stoppedAt);
            secondSink = new ClockWatchingSink(topic);
            DemoReplayer resumed = new DemoReplayer(script, secondSink, dayIn2s, positions, ReplayListener.NONE, clock)
                    .start();
            await().atMost(WAIT).until(() -> resumed.position() == script.size());
            resumed.close();
            secondSink.close();
        }

        List<Instant> all = times(topic);
        List<Instant> secondRun = all.subList(firstRun.size(), all.size());
        List<ClockWatchingSink.Seen> seen = new ArrayList<>(firstSink.seen);
        seen.addAll(secondSink.seen);
        assertThat(seen).extracting(ClockWatchingSink.Seen::eventTime)
                .containsExactlyElementsOf(script.steps().stream().map(DemoStep::eventTime).toList());
        assertThat(seen).allSatisfy(s -> assertThat(s.clock()).as(s.what()).isAfterOrEqualTo(s.eventTime()));
        assertThat(all).as("never backwards, across the restart").isSortedAccordingTo(Comparator.naturalOrder())
                .doesNotHaveDuplicates();
        assertThat(all).as("a report at 23:30 moves the clock to 23:30, not into the next day")
                .contains(at(2020, 1, 2, 23, 30));
        assertThat(all).filteredOn(t -> !t.equals(at(2020, 1, 2, 23, 30)))
                .as("every other tick on the hour").allMatch(t -> t.equals(t.truncatedTo(ChronoUnit.HOURS)));
        assertAtMostOneTickAnHour(all);
        assertThat(secondRun).as("the resumed replay goes on from where the clock stood, hour by hour through the"
                        + " quiet 2 January (41 hours to its report at 23:30)")
                .filteredOn(t -> day(t).equals(LocalDate.of(2020, 1, 2)) && t.isBefore(at(2020, 1, 2, 23, 0)))
                .hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void shouldGoOnFromWhereAnOperatorMovedTheClock() {
        String topic = clockTopic();
        Instant marchFirst = at(2020, 3, 1, 0, 0);
        long upToMarch = SCRIPT.steps().stream().filter(s -> !s.eventTime().isAfter(marchFirst)).count();
        // A day a second: at that pace, 1 March is a minute away.
        ReplaySpeed dayASecond = ReplaySpeed.ratio(Duration.ofDays(1), Duration.ofSeconds(1));
        try (ClockFollower demoView = follower(topic); ClockWatchingSink sink = new ClockWatchingSink(topic);
             DistrictDemoClock clock = demoClock(topic, demoView);
             ClockSetter operator = new ClockSetter(topic, client, client, "operator")) {
            DemoReplayer replayer = new DemoReplayer(SCRIPT, sink, dayASecond, ReplayPositionStore.in(dataDir),
                    ReplayListener.NONE, clock).start();
            await().atMost(WAIT).until(() -> clock.now().isAfter(at(2020, 1, 1, 3, 0)));

            operator.set(marchFirst);

            await().atMost(Duration.ofSeconds(20)).until(() -> replayer.position() >= upToMarch);
            await().atMost(WAIT).until(() -> clock.now().isAfter(marchFirst));
            replayer.close();
            assertThat(replayer.failure()).isNull();
            assertThat(sink.seen).allSatisfy(s -> assertThat(s.clock()).as(s.what()).isAfterOrEqualTo(s.eventTime()));
        }
        List<ClockTick> ticks = ClockTopic.ticks(topic, client, WAIT);
        int operatorsTick = ticks.stream().map(ClockTick::getSetBy).toList().indexOf("operator");
        List<Instant> demoAfterMarch = ticks.subList(operatorsTick + 1, ticks.size()).stream()
                .map(ClockTick::getNow).dropWhile(t -> !t.isAfter(marchFirst)).toList();
        assertThat(demoAfterMarch).as("the demo's ticks once it went on from 1 March").isNotEmpty()
                .allMatch(t -> t.isAfter(marchFirst)).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(ticks.get(ticks.size() - 1).getNow()).as("the last tick written is where the clock stands")
                .isEqualTo(ticks.stream().map(ClockTick::getNow).max(Comparator.naturalOrder()).orElseThrow());
    }

    // ---- helpers

    /**
     * Never a tick per report: one tick an hour at most, but for the day's last hour, which can get a second for its
     * reports (23:00 as the replay passes it, then the report's own time, so that the day does not close first).
     */
    private static void assertAtMostOneTickAnHour(List<Instant> ticks) {
        Map<Instant, Long> perHour = ticks.stream()
                .collect(Collectors.groupingBy(t -> t.truncatedTo(ChronoUnit.HOURS), Collectors.counting()));
        perHour.forEach((hour, count) -> assertThat(count).as("ticks in the hour from " + hour)
                .isLessThanOrEqualTo(hour.atZone(DistrictClock.ZONE).getHour() == 23 ? 2 : 1));
    }

    private String clockTopic() {
        return cluster.createTopicLike(cluster.uniqueName("clock"), Topics.CLOCK).name();
    }

    private ClockFollower follower(String topic) {
        return new ClockFollower(topic, JANUARY_FIRST, client, client).start(WAIT);
    }

    private DistrictDemoClock demoClock(String topic, DistrictClock view) {
        return new DistrictDemoClock(new ClockSetter(topic, DistrictDemoClock.setterConfig(client), client,
                DistrictDemoClock.SET_BY), view, topic);
    }

    private List<Instant> times(String topic) {
        return ClockTopic.ticks(topic, client, WAIT).stream().map(ClockTick::getNow).toList();
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(DistrictClock.ZONE).toInstant();
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, DistrictClock.ZONE);
    }

    /** The demo's first reports, moved to {@code times}. */
    private static DemoScript scriptOf(Instant... times) {
        List<DemoStep> steps = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            DemoReport r = SCRIPT.reports().get(i);
            steps.add(new DemoReport(i, r.eventId(), r.targetId(), r.departmentId(), r.reporter(), r.kind(), r.value(),
                    r.unit(), times[i], times[i].plus(Duration.ofHours(1)), r.correctsEventId(), r.note()));
        }
        return new DemoScript(7, 2020, steps, Map.of(), SCRIPT.targets());
    }

    /**
     * Takes everything and notes where the district clock stood when each step arrived: every tick written before
     * (acknowledged) is read first, as {@link ClockFollower#catchUp} does, but without waiting out a follower's idle
     * poll (a catch-up costs a follower 100-500 ms; the year has 260 batches).
     */
    private final class ClockWatchingSink implements DemoSink, AutoCloseable {
        record Seen(String what, Instant eventTime, Instant clock) {
        }

        private final KafkaConsumer<String, ClockTick> consumer;
        private final TopicPartition partition;
        private Instant clock = JANUARY_FIRST;
        final List<Seen> seen = new CopyOnWriteArrayList<>();

        ClockWatchingSink(String topic) {
            Map<String, Object> config = new HashMap<>(client);
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
            SpecificAvroDeserializer<ClockTick> values = new SpecificAvroDeserializer<>(ClockTick.class);
            values.configure(client, false);
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
            partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
        }

        @Override
        public List<Rejection> send(List<DemoReport> reports) {
            Instant clock = clockNow();
            reports.forEach(r -> seen.add(new Seen("report " + r.eventId() + " at " + r.eventTime(), r.eventTime(), clock)));
            return List.of();
        }

        @Override
        public void revise(Target revised) {
            Instant clock = clockNow();
            Instant eventTime = SCRIPT.revisions().stream().filter(r -> r.revised().getId().equals(revised.getId()))
                    .findFirst().orElseThrow().eventTime();
            seen.add(new Seen("revision of " + revised.getId(), eventTime, clock));
        }

        /** The latest time among the ticks written so far (the clock never runs backwards for its readers). */
        private synchronized Instant clockNow() {
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (consumer.position(partition) < end) {
                assertThat(System.nanoTime()).as("the clock's topic read in time").isLessThan(deadline);
                for (ConsumerRecord<String, ClockTick> r : consumer.poll(Duration.ofMillis(10))) {
                    if (r.value().getNow().isAfter(clock)) {
                        clock = r.value().getNow();
                    }
                }
            }
            return clock;
        }

        @Override
        public synchronized void close() {
            consumer.close();
        }

        @Override
        public String describe() {
            return "clock-watching sink";
        }
    }
}
