package org.jingan.progress.intake.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DepartmentRateLimiterTest {
    @Test
    void shouldTakeABurstThenSayHowLongToWaitPerDepartment() {
        var limiter = new DepartmentRateLimiter(new RateLimit(60, 3)); // one a second after a burst of three

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("construction")).as("request %d", i + 1).isEmpty();
        }
        assertThat(limiter.tryAcquire("construction")).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(limiter.tryAcquire("commerce")).as("another department has its own budget").isEmpty();
    }

    @Test
    void shouldLetEverythingThroughWhenOff() {
        var limiter = new DepartmentRateLimiter(RateLimit.OFF);

        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.tryAcquire("construction")).isEmpty();
        }
    }

    @Test
    void shouldRefuseASettingThatTakesNothing() {
        assertThatThrownBy(() -> new RateLimit(600, 0)).hasMessageContaining("INTAKE_RATE_LIMIT_BURST");
        assertThatThrownBy(() -> new RateLimit(-1, 10)).hasMessageContaining("INTAKE_RATE_LIMIT_PER_MINUTE");
    }
}
