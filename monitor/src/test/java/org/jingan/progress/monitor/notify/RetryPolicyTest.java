package org.jingan.progress.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(500));

    @Test
    void shouldDoubleTheBackoffUpToTheMaximum() {
        assertThat(policy.backoffAfter(1, Optional.empty())).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffAfter(2, Optional.empty())).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffAfter(3, Optional.empty())).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoffAfter(4, Optional.empty())).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoffAfter(60, Optional.empty())).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldNotWaitAtAllWithoutAnInitialBackoff() {
        RetryPolicy noWait = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);

        assertThat(noWait.backoffAfter(1, Optional.empty())).isZero();
        assertThat(noWait.backoffAfter(2, Optional.empty())).isZero();
    }

    @Test
    void shouldHonourRetryAfterButNotBeyondTheMaximum() {
        assertThat(policy.backoffAfter(1, Optional.of(Duration.ofMillis(300)))).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.backoffAfter(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldRetryServerErrorsAndThrottlingButNotOtherClientErrors() {
        assertThat(RetryPolicy.isRetryableStatus(500)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(503)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(429)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(408)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(400)).isFalse();
        assertThat(RetryPolicy.isRetryableStatus(404)).isFalse();
    }

    @Test
    void shouldRefuseAPolicyWithoutAttempts() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
