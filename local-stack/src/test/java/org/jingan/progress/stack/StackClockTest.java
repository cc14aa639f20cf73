package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.clock.ClockFollower;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;

/** The stack's district clock on the real broker: where it starts, --clock-date, and no way back. */
class StackClockTest {
    private static final Instant JANUARY_FIRST = Instant.parse("2020-01-01T00:00:00+08:00");
    private static final Instant MARCH_FIFTH = Instant.parse("2020-03-05T00:00:00+08:00");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestCluster cluster = TestCluster.get();
    private final Map<String, Object> client = cluster.clientConfig();

    @Test
    void shouldStartAtTheStartMoveToTheClockDateAndRefuseToGoBack() {
        String topic = cluster.createTopicLike(cluster.uniqueName("clock"), Topics.CLOCK).name();

        try (ClockFollower fresh = StackClock.follow(topic, JANUARY_FIRST, null, client, WAIT)) {
            assertThat(fresh.now()).isEqualTo(JANUARY_FIRST);
        }
        assertThat(ClockTopic.ticks(topic, client, WAIT)).as("nothing written without --clock-date").isEmpty();

        try (ClockFollower moved = StackClock.follow(topic, JANUARY_FIRST, MARCH_FIFTH, client, WAIT)) {
            assertThat(moved.now()).isEqualTo(MARCH_FIFTH);
            assertThat(moved.today()).hasToString("2020-03-05");
        }
        assertThat(ClockTopic.ticks(topic, client, WAIT)).extracting(ClockTick::getNow, ClockTick::getSetBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MARCH_FIFTH, StackClock.CLOCK_DATE_SET_BY));

        try (ClockFollower again = StackClock.follow(topic, JANUARY_FIRST, MARCH_FIFTH, client, WAIT)) {
            assertThat(again.now()).isEqualTo(MARCH_FIFTH);
        }
        assertThat(ClockTopic.ticks(topic, client, WAIT)).as("already there: no second tick").hasSize(1);

        assertThatThrownBy(() -> StackClock.follow(topic, JANUARY_FIRST, Instant.parse("2020-03-01T00:00:00+08:00"),
                client, WAIT))
                .isInstanceOf(StackException.class)
                .hasMessage("The district clock already stands at 2020-03-05 00:00:00 Asia/Shanghai and never runs"
                        + " backwards: --clock-date 2020-03-01 00:00:00 Asia/Shanghai is before that. Choose a later"
                        + " date, or start over with --fresh.");
        assertThat(ClockTopic.ticks(topic, client, WAIT)).as("nothing written when refused").hasSize(1);
    }
}
