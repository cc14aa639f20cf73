package org.jingan.progress.monitor.notify;

import java.time.Duration;
import java.util.Optional;

import io.github.resilience4j.core.IntervalFunction;

/**
 * The settings of webhook retries ({@code --webhook-max-attempts}, {@code --webhook-initial-backoff-ms},
 * {@code --webhook-max-backoff-ms}): at most {@code maxAttempts} attempts, waiting {@code initialBackoff}, then twice
 * as long each time, never more than {@code maxBackoff}; a receiver's {@code Retry-After} is honoured up to
 * {@code maxBackoff}. The retrying itself is resilience4j's ({@link WebhookForwarder}).
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

    /** resilience4j's bounded exponential backoff: milliseconds to wait after failed attempt n (1-based). */
    public IntervalFunction backoff() {
        if (initialBackoff.toMillis() < 1) {
            return attempt -> 0L; // the library's backoff starts at 1 ms at least; 0 doubled stays 0
        }
        return IntervalFunction.ofExponentialBackoff(initialBackoff, 2.0, maxBackoff);
    }

    /**
     * How long to wait after failed attempt number {@code attempt} (1-based) before the next one: the receiver's
     * {@code Retry-After} when it sent one, but not longer than {@code maxBackoff}; else the {@link #backoff()}.
     */
    public Duration backoffAfter(int attempt, Optional<Duration> retryAfter) {
        return retryAfter.map(wait -> wait.compareTo(maxBackoff) <= 0 ? wait : maxBackoff)
                .orElseGet(() -> Duration.ofMillis(backoff().apply(attempt)));
    }

    /** Whether an HTTP status is worth retrying: timeouts, throttling and server errors are; other 4xx are not. */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }
}
