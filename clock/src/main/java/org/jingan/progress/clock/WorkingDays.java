package org.jingan.progress.clock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * The district's working days: Monday to Friday, less the public holidays, plus the weekend days worked instead
 * (调休), as the State Council sets them each year ({@code holidays-cn.txt}, with its source). Deadlines counted in
 * working days (a supervision case's 限期反馈) use it.
 */
public final class WorkingDays {
    private static final String RESOURCE = "holidays-cn.txt";

    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workdays;

    private WorkingDays(Set<LocalDate> holidays, Set<LocalDate> workdays) {
        this.holidays = Set.copyOf(holidays);
        this.workdays = Set.copyOf(workdays);
    }

    /** Weekends and the shipped Chinese public-holiday calendar. */
    public static WorkingDays china() {
        return Holder.CHINA;
    }

    /** Weekends only. */
    public static WorkingDays weekendsOnly() {
        return new WorkingDays(Set.of(), Set.of());
    }

    public boolean isWorkingDay(LocalDate day) {
        if (workdays.contains(day)) {
            return true;
        }
        if (holidays.contains(day)) {
            return false;
        }
        DayOfWeek d = day.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    /** The {@code n}th working day after {@code from} (from itself does not count): 5 after a Friday is the next Friday. */
    public LocalDate plus(LocalDate from, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + n);
        }
        LocalDate day = from;
        for (int left = n; left > 0; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }

    private static final class Holder {
        static final WorkingDays CHINA = load();
    }

    private static WorkingDays load() {
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> workdays = new HashSet<>();
        try (InputStream in = WorkingDays.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the holiday calendar " + RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNo = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] parts = s.split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalStateException(RESOURCE + ":" + lineNo + ": expected 'YYYY-MM-DD holiday|workday'");
                }
                LocalDate day = LocalDate.parse(parts[0]);
                switch (parts[1]) {
                    case "holiday" -> holidays.add(day);
                    case "workday" -> workdays.add(day);
                    default -> throw new IllegalStateException(RESOURCE + ":" + lineNo + ": unknown kind " + parts[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WorkingDays(holidays, workdays);
    }
}
