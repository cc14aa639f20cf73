package org.jingan.progress.streams.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedVersionTest {

    @Test
    void shouldReadBackTheIdItWrites() {
        FeedVersion version = FeedVersion.zero(6, 6);
        version.advance(FeedVersion.STANDINGS, 2, 41);
        version.advance(FeedVersion.ALERTS, 5, 6);

        assertThat(version.toString()).isEqualTo("v1.0-0-42-0-0-0.0-0-0-0-0-7");
        assertThat(FeedVersion.parse(version.toString())).isEqualTo(version);
    }

    @Test
    void shouldRefuseIdsItDidNotWrite() {
        assertThat(FeedVersion.parse(null)).isNull();
        assertThat(FeedVersion.parse("")).isNull();
        assertThat(FeedVersion.parse("42")).isNull();
        assertThat(FeedVersion.parse("v1.1-2")).isNull();
        assertThat(FeedVersion.parse("v1.1-x.0")).isNull();
        assertThat(FeedVersion.parse("v1.1--2.0")).isNull();
    }

    @Test
    void shouldSendARecordOnlyToAPageThatHasNotSeenIt() {
        FeedVersion page = FeedVersion.parse("v1.5-0.3");

        assertThat(page.notYetAt(FeedVersion.STANDINGS, 0, 4)).isFalse();
        assertThat(page.notYetAt(FeedVersion.STANDINGS, 0, 5)).isTrue();
        assertThat(page.notYetAt(FeedVersion.STANDINGS, 1, 0)).isTrue();
        assertThat(page.notYetAt(FeedVersion.ALERTS, 0, 2)).isFalse();
        assertThat(page.notYetAt(FeedVersion.ALERTS, 3, 0)).as("a partition the page never heard of").isTrue();
    }

    @Test
    void shouldCoverAVersionOnlyWhenPastItInEveryPartition() {
        FeedVersion instance = FeedVersion.parse("v1.5-2.3");

        assertThat(instance.covers(FeedVersion.parse("v1.5-2.3"))).isTrue();
        assertThat(instance.covers(FeedVersion.parse("v1.4-0.1"))).isTrue();
        assertThat(instance.covers(FeedVersion.parse("v1.5-3.3"))).as("the page came from an instance further ahead").isFalse();
        assertThat(instance.covers(FeedVersion.parse("v1.5-2-1.3"))).as("a partition this instance has not read").isFalse();
        assertThat(instance.covers(FeedVersion.parse("v1.5-2-0.3"))).isTrue();
    }
}
