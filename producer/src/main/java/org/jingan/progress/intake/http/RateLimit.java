package org.jingan.progress.intake.http;

/**
 * How many requests one department may send: {@code perMinute} on average, up to {@code burst} at once. Generous by
 * default (600 a minute, bursts of 100: a department reports a few times a day, a script a few times a minute), so
 * it only stops a runaway script or a leaked key flooding the intake. {@code perMinute} 0 turns it off.
 *
 * @param perMinute requests a minute per department, refilled evenly (INTAKE_RATE_LIMIT_PER_MINUTE)
 * @param burst     requests a department may send at once (INTAKE_RATE_LIMIT_BURST)
 */
public record RateLimit(int perMinute, int burst) {
    public static final RateLimit DEFAULT = new RateLimit(600, 100);
    public static final RateLimit OFF = new RateLimit(0, 0);

    public RateLimit {
        if (perMinute < 0 || perMinute > 0 && burst < 1) {
            throw new IllegalArgumentException("the rate limit needs INTAKE_RATE_LIMIT_PER_MINUTE >= 0 (0: off) and"
                    + " INTAKE_RATE_LIMIT_BURST >= 1, not " + perMinute + " and " + burst);
        }
    }

    public boolean enabled() {
        return perMinute > 0;
    }
}
