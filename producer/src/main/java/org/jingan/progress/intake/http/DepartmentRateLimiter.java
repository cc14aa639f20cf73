package org.jingan.progress.intake.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per department (Bucket4j, in memory): each authenticated request takes a token, {@link RateLimit}
 * says how many there are and how fast they come back. Keyed by the department the key resolved to, so a
 * department's several keys (a rotation) share one budget, and departments never slow each other down.
 */
final class DepartmentRateLimiter {
    private final RateLimit limit;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    DepartmentRateLimiter(RateLimit limit) {
        this.limit = limit;
    }

    /** Takes a request of {@code department}: empty when it may go on, else how long until it may send again. */
    Optional<Duration> tryAcquire(String department) {
        if (!limit.enabled()) {
            return Optional.empty();
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(department, d -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    RateLimit limit() {
        return limit;
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(l -> l.capacity(limit.burst()).refillGreedy(limit.perMinute(), Duration.ofMinutes(1)))
                .build();
    }
}
