package org.jingan.progress.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The district's one "now". Pace, expected-by-now, staleness, deadlines, forecasts, the dedup memory's expiry, the
 * intake's bounds on a report's date and the relative times people see are all judged against it, never against the
 * date a report claims. Live, it is the wall clock ({@link WallClock}); for a replay or the demo year it is a
 * simulated clock that every component follows from the district-clock topic ({@link SimulatedClock},
 * {@link ClockFollower}). Dates are in {@link #ZONE}.
 */
public interface DistrictClock {

    /** The district's time zone: every "day" is a day in Shanghai. */
    ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * A time as people write it for the clock: a date ({@code 2020-03-31}: its start in {@link #ZONE}), a local
     * date-time ({@code 2020-03-31T17:00}, in {@link #ZONE}) or an instant with an offset ({@code 2020-03-31T17:00+08:00},
     * {@code 2020-03-31T09:00:00Z}).
     */
    static Instant parseTime(String text) {
        String t = text.strip();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZONE).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return java.time.OffsetDateTime.parse(t).toInstant();
            }
            return java.time.LocalDateTime.parse(t).atZone(ZONE).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date or time: write 2020-03-31, "
                    + "2020-03-31T17:00 (Asia/Shanghai) or 2020-03-31T17:00+08:00", e);
        }
    }

    /** Now, in epoch milliseconds. */
    long millis();

    /** Whether this is the wall clock (live) rather than a simulated one. */
    boolean live();

    default Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    default LocalDate today() {
        return LocalDate.ofInstant(now(), ZONE);
    }

    /** This clock as a {@link Clock} in {@link #ZONE}, for code written against {@code java.time}. */
    default Clock asClock() {
        DistrictClock district = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZONE;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return Clock.fixed(instant(), zone); // a view in another zone is a snapshot: nothing needs more
            }

            @Override
            public long millis() {
                return district.millis();
            }

            @Override
            public Instant instant() {
                return district.now();
            }
        };
    }
}
