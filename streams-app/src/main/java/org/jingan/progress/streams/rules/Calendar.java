package org.jingan.progress.streams.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Dates of the report in the configured zone, as epoch millis. */
public final class Calendar {
    public static final long DAY_MS = 86_400_000L;

    private Calendar() {
    }

    /** 1 January of {@code year}, 00:00 in {@code zone}. */
    public static long startOfYear(int year, ZoneId zone) {
        return startOfDay(LocalDate.of(year, 1, 1), zone);
    }

    public static long startOfDay(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The end of {@code date} (00:00 of the next day): "by this date" means before this instant. */
    public static long endOfDay(LocalDate date, ZoneId zone) {
        return startOfDay(date.plusDays(1), zone);
    }

    public static LocalDate dateOf(long epochMillis, ZoneId zone) {
        return Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate();
    }

    public static double days(long millis) {
        return millis / (double) DAY_MS;
    }
}
