package org.jingan.progress.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SeenIdFilterTest {

    @Test
    void shouldKnowEveryIdAddedAndAlmostNoOther() {
        SeenIdFilter filter = new SeenIdFilter();
        IntStream.range(0, 10_000).forEach(i -> filter.add("seen-" + i));

        assertThat(IntStream.range(0, 10_000)).allMatch(i -> filter.mightContain("seen-" + i));
        long falsePositives = IntStream.range(0, 10_000).filter(i -> filter.mightContain("new-" + i)).count();
        assertThat(falsePositives).as("new ids that would still cost a store lookup").isLessThan(200);
    }

    @Test
    void shouldKeepFalsePositivesAroundOnePercentWhenAFilterIsFull() {
        SeenIdFilter filter = new SeenIdFilter();
        IntStream.range(0, SeenIdFilter.CAPACITY).forEach(i -> filter.add("seen-" + i));

        assertThat(filter.filterCount()).isEqualTo(1);
        long falsePositives = IntStream.range(0, 100_000).filter(i -> filter.mightContain("new-" + i)).count();
        assertThat(falsePositives).as("of 100,000 new ids").isBetween(100L, 1_500L);
    }

    @Test
    void shouldAnswerTheSameForAnIdAndItsFingerprint() {
        SeenIdFilter filter = new SeenIdFilter();
        filter.add(SeenIdFilter.fingerprint("e-1"));
        filter.add("e-2");

        assertThat(filter.mightContain("e-1")).isTrue();
        assertThat(filter.mightContain(SeenIdFilter.fingerprint("e-2"))).isTrue();
        assertThat(SeenIdFilter.fingerprint("e-1")).isNotEqualTo(SeenIdFilter.fingerprint("e-2"));
    }

    @Test
    void shouldNotCountAnIdAddedTwiceTowardsTheCapacity() {
        SeenIdFilter filter = new SeenIdFilter();
        IntStream.range(0, SeenIdFilter.CAPACITY).forEach(i -> filter.add("id-" + i));
        IntStream.range(0, 5_000).forEach(i -> filter.add("id-" + i));

        assertThat(filter.filterCount()).isEqualTo(1);
    }

    @Test
    void shouldAddAFilterWhenTheNewestIsFullAndStillKnowTheOldIds() {
        SeenIdFilter filter = new SeenIdFilter();
        int ids = SeenIdFilter.CAPACITY + 1_000;
        IntStream.range(0, ids).forEach(i -> filter.add("id-" + i));

        assertThat(filter.filterCount()).isEqualTo(2);
        assertThat(IntStream.range(0, ids).filter(i -> i % 997 == 0)).allMatch(i -> filter.mightContain("id-" + i));
    }

    @Test
    void shouldForgetEverythingWhenCleared() {
        SeenIdFilter filter = new SeenIdFilter();
        filter.add("a");

        filter.clear();

        assertThat(filter.mightContain("a")).isFalse();
        assertThat(filter.filterCount()).isZero();
    }
}
