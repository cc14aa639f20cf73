package org.jingan.progress.intake.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the event times people write: ISO date-times with an offset, local date-times (in the district's zone), and
 * dates as a spreadsheet shows them (2020-03-31, 2020/3/31, 2020.3.31, 2020年3月31日). A date means 00:00 that day.
 */
final class EventTimes {
    private static final Pattern LOOSE_DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final List<DateTimeFormatter> LOCAL_DATE_TIMES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"));

    private EventTimes() {
    }

    static Optional<Instant> parse(String text, ZoneId zone) {
        String s = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException notOffset) {
            // try the next form
        }
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException notInstant) {
            // try the next form
        }
        for (DateTimeFormatter format : LOCAL_DATE_TIMES) {
            try {
                return Optional.of(LocalDateTime.parse(s, format).atZone(zone).toInstant());
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        var date = LOOSE_DATE.matcher(s);
        if (date.matches()) {
            try {
                return Optional.of(LocalDate.of(Integer.parseInt(date.group(1)), Integer.parseInt(date.group(2)),
                        Integer.parseInt(date.group(3))).atStartOfDay(zone).toInstant());
            } catch (java.time.DateTimeException noSuchDay) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
