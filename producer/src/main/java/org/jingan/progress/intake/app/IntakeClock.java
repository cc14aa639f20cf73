package org.jingan.progress.intake.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jingan.progress.clock.ClockFollower;
import org.jingan.progress.clock.ClockMode;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.clock.WallClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The district clock the intake runs on: the wall clock live ({@link ClockMode#WALL}), or the simulated clock of a
 * replay or the demo year ({@link ClockMode#SIMULATED}), followed from the district-clock topic by a
 * {@link ClockFollower} that this object starts and closes. {@link #catchUp()} is the validator's hook: it reads the
 * ticks written so far (a no-op on the wall clock).
 */
public final class IntakeClock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IntakeClock.class);

    /** Where a simulated clock stands before its first tick: 1 January 2020, 00:00 in Shanghai. */
    public static final Instant DEFAULT_START = OffsetDateTime.parse("2020-01-01T00:00+08:00").toInstant();
    /** The longest a request waits for the ticks written before it. */
    public static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(2);
    /** The longest the start waits to read the clock topic (then the clock stands at its start until it is read). */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final DistrictClock clock;
    private final ClockFollower follower;

    private IntakeClock(DistrictClock clock, ClockFollower follower) {
        this.clock = clock;
        this.follower = follower;
    }

    /** The live district clock, read from {@code wall} (the system clock; tests pass a fixed one). */
    public static IntakeClock wall(Clock wall) {
        return new IntakeClock(new WallClock(wall), null);
    }

    /**
     * Follows the simulated clock on {@code topic} (started here: the ticks written so far are read, for at most
     * {@link #START_TIMEOUT}).
     *
     * @param clientConfig   bootstrap servers and any client settings (security)
     * @param registryConfig {@code schema.registry.url} and the registry's settings
     */
    public static IntakeClock follow(String topic, Instant start, Map<String, ?> clientConfig, Map<String, ?> registryConfig) {
        var follower = new ClockFollower(topic, start, clientConfig, registryConfig);
        try {
            follower.start(START_TIMEOUT);
        } catch (RuntimeException e) {
            follower.close();
            throw e;
        }
        return new IntakeClock(follower, follower);
    }

    /** The clock of {@code mode}: {@code wall} when live, else a follower of {@code topic} from {@code start}. */
    public static IntakeClock open(ClockMode mode, Clock wall, String topic, Instant start, Map<String, ?> clientConfig,
                                   Map<String, ?> registryConfig) {
        return switch (mode) {
            case WALL -> wall(wall);
            case SIMULATED -> follow(topic, start, clientConfig, registryConfig);
        };
    }

    public DistrictClock clock() {
        return clock;
    }

    /** Reads every tick written before this call (simulated clock); does nothing on the wall clock. */
    public void catchUp() {
        if (follower != null && !follower.catchUp(CATCH_UP_TIMEOUT)) {
            log.warn("the district clock topic was not read within {}; judging by the clock as last read, {}",
                    CATCH_UP_TIMEOUT, follower.now());
        }
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
        }
    }

    @Override
    public String toString() {
        return clock.toString();
    }

    /** {@code wall} or {@code simulated} (any case). */
    public static ClockMode mode(String text) {
        return ClockMode.parse(Objects.requireNonNull(text, "clock mode"));
    }

    /** Where a simulated clock starts, as {@link DistrictClock#parseTime} reads it. */
    public static Instant start(String text) {
        return DistrictClock.parseTime(Objects.requireNonNull(text, "clock start"));
    }

    /** A duration: ISO-8601 ({@code PT1H}, {@code P31D}) or a number with ms, s, m, h or d ({@code 1h}, {@code 31d}). */
    public static Duration duration(String text) {
        Objects.requireNonNull(text, "duration");
        String v = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).strip()));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1).strip());
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException(v);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a duration: write e.g. 30m, 1h, 31d or "
                    + "ISO-8601 like PT1H, P31D", e);
        }
    }
}
