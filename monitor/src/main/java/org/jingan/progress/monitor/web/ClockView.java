package org.jingan.progress.monitor.web;

import java.time.Instant;
import java.time.LocalDate;

import org.jingan.progress.clock.DistrictClock;

/**
 * The district clock as the console shows it: what "now" is for the ages of alerts.
 *
 * @param now  the district's now
 * @param date its date in {@code zone}
 * @param zone always Asia/Shanghai: every date and time the console shows is in it
 * @param mode {@code wall} (live: the wall clock) or {@code simulated} (a replay or the demo year)
 */
public record ClockView(Instant now, LocalDate date, String zone, String mode) {

    static ClockView of(DistrictClock clock) {
        Instant now = clock.now();
        return new ClockView(now, LocalDate.ofInstant(now, DistrictClock.ZONE), DistrictClock.ZONE.getId(),
                clock.live() ? "wall" : "simulated");
    }
}
