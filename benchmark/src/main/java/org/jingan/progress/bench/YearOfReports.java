package org.jingan.progress.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;

/**
 * A year of reports for a city-scale catalog, in event-time order: every amount, level and ceiling target reported
 * every {@code reportEveryDays} days by its department, each milestone reached once on a day of the year, and each
 * sensor-fed target (wet-waste tonnage per day) read by its weighbridges every {@code sensorEveryMinutes} minutes.
 */
public final class YearOfReports implements EventSource {
    private static final long DAY = 86_400_000L;

    private final List<Target> targets;
    private final int year;
    private final int days;
    private final int reportEveryDays;
    private final int sensorEveryMinutes;
    private final long seed;
    private final String idPrefix;

    /** The first {@code days} days of {@code year} (all of it when {@code days} is larger). */
    public YearOfReports(List<Target> targets, int year, int days, int reportEveryDays, int sensorEveryMinutes, long seed,
                         String idPrefix) {
        this.targets = targets;
        this.year = year;
        this.days = days;
        this.reportEveryDays = reportEveryDays;
        this.sensorEveryMinutes = sensorEveryMinutes;
        this.seed = seed;
        this.idPrefix = idPrefix;
    }

    private int days() {
        return Math.min(days, (int) ((Reports.endOfYear(year) + 1 - Reports.startOfYear(year)) / DAY));
    }

    @Override
    public long count() {
        long[] n = {0};
        forEach(e -> n[0]++); // cheap enough: generation is much faster than sending
        return n[0];
    }

    @Override
    public void forEach(Consumer<ProgressEvent> sink) {
        SplittableRandom random = new SplittableRandom(seed);
        long start = Reports.startOfYear(year);
        int days = days();
        int daysInYear = (int) ((Reports.endOfYear(year) + 1 - Reports.startOfYear(year)) / DAY);
        double reportsPerYear = Math.ceil((double) daysInYear / reportEveryDays);
        long seq = 0;
        for (int day = 0; day < days; day++) {
            long dayStart = start + day * DAY;
            for (int minute = 0; minute < 24 * 60; minute += sensorEveryMinutes) {
                for (Target t : targets) {
                    if (CityCatalog.isSensorFed(t)) {
                        sink.accept(Reports.report(idPrefix + seq++, t, Reports.kindFor(t),
                                Reports.amount(t, reportsPerYear, 0.5 + random.nextDouble()),
                                // half a minute in: a reading at 00:00 on 1 January would tie with the catalog's timestamp
                                dayStart + minute * 60_000L + 30_000, "SENSOR"));
                    }
                }
            }
            long evening = dayStart + 18 * 3_600_000L;
            for (Target t : targets) {
                if (CityCatalog.isSensorFed(t)) {
                    continue;
                }
                boolean reportDay = day % reportEveryDays == 0;
                boolean milestoneDay = t.getKind() == TargetKind.MILESTONE && day == milestoneDay(t, daysInYear);
                if ((t.getKind() != TargetKind.MILESTONE && reportDay) || milestoneDay) {
                    sink.accept(Reports.report(idPrefix + seq++, t, Reports.kindFor(t),
                            Reports.amount(t, reportsPerYear, 0.5 + random.nextDouble()), evening, "DEMO"));
                }
            }
        }
    }

    /** A fixed day for each milestone, spread from spring to the end of the year. */
    private static int milestoneDay(Target t, int days) {
        return 90 + Math.floorMod(t.getId().hashCode(), days - 90);
    }
}
