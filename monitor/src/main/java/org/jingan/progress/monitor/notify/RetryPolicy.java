package org.jingan.progress.monitor.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * Bounded exponential backoff for webhook deliveries: at most {@code maxAttempts} attempts, waiting
 * {@code initialBackoff}, then twice as long each time, never more than {@code maxBackoff}. A receiver's
 * {@code Retry-After} is honoured up to {@code maxBackoff}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(15));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("webhook max attempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("webhook backoff must satisfy 0 <= initial <= max, was initial "
                    + initialBackoff + ", max " + maxBackoff);
        }
    }

    /** True when another attempt may follow attempt number {@code attempt} (1-based). */
    public boolean allowsAnotherAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /** How long to wait after failed attempt number {@code attempt} (1-based) before the next one. */
    public Duration backoffAfter(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return min(retryAfter.get(), maxBackoff);
        }
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return min(wait, maxBackoff);
    }

    /** Whether an HTTP status is worth retrying: timeouts, throttling and server errors are; other 4xx are not. */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
