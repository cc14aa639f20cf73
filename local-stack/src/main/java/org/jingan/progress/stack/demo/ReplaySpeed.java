package org.jingan.progress.stack.demo;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast the demo year is replayed: {@code max} (as fast as the receiver takes it), a wall-clock duration for the
 * whole year ({@code 5m}), or event time per wall time ({@code 365d/5m}, {@code 30d/1m}).
 */
public record ReplaySpeed(double eventSecondsPerWallSecond) {
    public static final ReplaySpeed MAX = new ReplaySpeed(Double.POSITIVE_INFINITY);
    private static final Duration YEAR = Duration.ofDays(365);
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d|w)");

    public static ReplaySpeed yearIn(Duration wall) {
        return ratio(YEAR, wall);
    }

    public static ReplaySpeed ratio(Duration event, Duration wall) {
        if (wall.isZero() || wall.isNegative() || event.isZero() || event.isNegative()) {
            throw new IllegalArgumentException("a replay speed needs positive durations, got " + event + "/" + wall);
        }
        return new ReplaySpeed(event.toNanos() / (double) wall.toNanos());
    }

    /** Parses {@code max}, {@code 5m} (the year in five minutes) or {@code 365d/5m}. */
    public static ReplaySpeed parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.equals("max")) {
                return MAX;
            }
            int slash = s.indexOf('/');
            if (slash > 0) {
                return ratio(duration(s.substring(0, slash)), duration(s.substring(slash + 1)));
            }
            return yearIn(duration(s));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Demo speed '" + text + "' is not understood: use max, the time for the"
                    + " whole year (e.g. 5m, 90s, 1h) or event time per wall time (e.g. 365d/5m, 30d/1m)");
        }
    }

    /** A duration like 90s, 5m, 1.5h, 365d, 2w, or ISO-8601 (PT5M). */
    static Duration duration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        Matcher m = SIMPLE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(text);
        }
        double amount = Double.parseDouble(m.group(1));
        double seconds = switch (m.group(2)) {
            case "ms" -> amount / 1000;
            case "s" -> amount;
            case "m", "min" -> amount * 60;
            case "h" -> amount * 3600;
            case "d" -> amount * 86_400;
            default -> amount * 7 * 86_400;
        };
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    public boolean isMax() {
        return Double.isInfinite(eventSecondsPerWallSecond);
    }

    /** Wall time to wait for {@code eventTime} of event time to pass. */
    public Duration wallTimeFor(Duration eventTime) {
        return isMax() ? Duration.ZERO : Duration.ofNanos(Math.round(eventTime.toNanos() / eventSecondsPerWallSecond));
    }

    /** Event time that passes in {@code wall}. */
    public Duration eventTimeIn(Duration wall) {
        return isMax() ? Duration.ofDays(36_500) : Duration.ofNanos(Math.round(wall.toNanos() * eventSecondsPerWallSecond));
    }

    @Override
    public String toString() {
        if (isMax()) {
            return "max";
        }
        Duration year = wallTimeFor(YEAR);
        return "a year in " + (year.toSeconds() >= 120 ? year.toMinutes() + " min" : year.toSeconds() + " s");
    }
}
