package org.jingan.progress.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jingan.progress.contract.Topics;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;

/** The simulated clock on a real broker and registry: what one component sets, every follower reads. */
class ClockFollowerTest {
    private static final Instant START = Instant.parse("2020-01-01T00:00:00+08:00");
    private final TestCluster cluster = TestCluster.get();

    @Test
    void shouldStandAtItsStartUntilTheFirstTick() {
        String topic = cluster.createTopicLike(cluster.uniqueName("clock"), Topics.CLOCK).name();
        try (ClockFollower follower = follower(topic).start(Duration.ofSeconds(30))) {
            assertThat(follower.now()).isEqualTo(START);
            assertThat(follower.live()).isFalse();
        }
    }

    @Test
    void shouldReadEveryTickWrittenBeforeCatchUpAndNeverRunBackwards() {
        String topic = cluster.createTopicLike(cluster.uniqueName("clock"), Topics.CLOCK).name();
        Map<String, Object> client = cluster.clientConfig();
        try (ClockSetter setter = new ClockSetter(topic, client, client, "test");
             ClockFollower follower = follower(topic).start(Duration.ofSeconds(30))) {
            setter.set(Instant.parse("2020-03-01T08:00:00+08:00"));
            assertThat(follower.catchUp(Duration.ofSeconds(30))).isTrue();
            assertThat(follower.now()).isEqualTo(Instant.parse("2020-03-01T08:00:00+08:00"));

            setter.set(Instant.parse("2020-02-01T08:00:00+08:00")); // an earlier tick: ignored
            setter.set(Instant.parse("2020-04-02T08:00:00+08:00"));
            assertThat(follower.catchUp(Duration.ofSeconds(30))).isTrue();
            assertThat(follower.now()).isEqualTo(Instant.parse("2020-04-02T08:00:00+08:00"));
            assertThat(follower.today()).hasToString("2020-04-02");
        }
    }

    @Test
    void shouldResumeAtTheLastTickAfterARestart() {
        String topic = cluster.createTopicLike(cluster.uniqueName("clock"), Topics.CLOCK).name();
        Map<String, Object> client = cluster.clientConfig();
        try (ClockSetter setter = new ClockSetter(topic, client, client, "test")) {
            setter.set(Instant.parse("2020-06-30T23:00:00+08:00"));
        }
        try (ClockFollower restarted = follower(topic).start(Duration.ofSeconds(30))) {
            assertThat(restarted.now()).isEqualTo(Instant.parse("2020-06-30T23:00:00+08:00"));
        }
    }

    private ClockFollower follower(String topic) {
        Map<String, Object> client = cluster.clientConfig();
        return new ClockFollower(topic, START, client, client);
    }
}
