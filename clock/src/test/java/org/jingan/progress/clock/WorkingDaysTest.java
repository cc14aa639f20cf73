package org.jingan.progress.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    @Test
    void shouldSkipTheWeekendWhenCountingFiveWorkingDaysFromAFriday() {
        // Friday 6 March 2020: Monday 9 .. Friday 13
        assertThat(WorkingDays.china().plus(LocalDate.of(2020, 3, 6), 5)).isEqualTo(LocalDate.of(2020, 3, 13));
        assertThat(WorkingDays.weekendsOnly().plus(LocalDate.of(2020, 3, 6), 1)).isEqualTo(LocalDate.of(2020, 3, 9));
    }

    @Test
    void shouldSkipTheLabourDayHolidayAndCountTheSaturdayWorkedInstead() {
        // Thursday 30 April: 1-5 May off, Wednesday 6, Thursday 7, Friday 8, Saturday 9 (worked), Monday 11
        assertThat(WorkingDays.china().plus(LocalDate.of(2020, 4, 30), 5)).isEqualTo(LocalDate.of(2020, 5, 11));
        assertThat(WorkingDays.china().isWorkingDay(LocalDate.of(2020, 4, 26))).as("Sunday 26 April was worked").isTrue();
        assertThat(WorkingDays.china().isWorkingDay(LocalDate.of(2020, 10, 8))).isFalse();
    }
}
