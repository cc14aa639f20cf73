package org.jingan.progress.intake.service;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.intake.validation.TargetDirectory;

/**
 * When the intake may forget an accepted event id: never before the streams app may. The streams app's dedup memory
 * ({@code DedupMemory}) forgets an id once its target's year ended {@code --dedup-retention-after-year} (30 d) ago and
 * at least that long after the id arrived, both by the district clock, at its next purge (at most every
 * {@code --dedup-purge-interval}, 30 d). The intake keeps an id for {@code afterYear} past the same instant, by
 * default the sum of the two (60 d). Remembering longer only refuses (409) a reuse the streams app might have
 * counted; forgetting sooner would answer 202 to a report the streams app then dead-letters.
 */
public final class DedupHorizon {
    public static final Duration DEFAULT_AFTER_YEAR = Duration.ofDays(60);

    private final Duration afterYear;
    private final ZoneId zone;
    private final TargetDirectory targets;

    /**
     * @param afterYear how long after the end of its target's year (or after it arrived, if later) an id is kept
     * @param zone      where a year ends (the district's zone, as the streams app reads it)
     * @param targets   the catalog, for each target's year
     */
    public DedupHorizon(Duration afterYear, ZoneId zone, TargetDirectory targets) {
        if (afterYear.isNegative()) {
            throw new IllegalArgumentException("the dedup horizon cannot be negative: " + afterYear);
        }
        this.afterYear = afterYear;
        this.zone = zone;
        this.targets = targets;
    }

    /** The district-clock time (epoch ms) after which {@code event}'s id may be forgotten. */
    long forgetAt(ProgressEvent event) {
        // a target no longer in the catalog: the year its report is dated in
        int year = targets.find(event.getTargetId()).map(Target::getYear)
                .orElseGet(() -> LocalDate.ofInstant(event.getEventTime(), zone).getYear());
        long yearEnd = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant().toEpochMilli();
        return Math.max(yearEnd, event.getReportedAt().toEpochMilli()) + afterYear.toMillis();
    }

    public Duration afterYear() {
        return afterYear;
    }
}
