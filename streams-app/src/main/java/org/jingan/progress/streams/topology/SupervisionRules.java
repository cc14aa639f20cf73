package org.jingan.progress.streams.topology;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jingan.progress.clock.WorkingDays;

/**
 * When the streams app opens a supervision case (督办单) and how long the department has to answer, all by the
 * district clock: a condition ({@code BEHIND}, {@code BREACHED}, {@code STALE_REPORT}) opens a case once it held for
 * its duration (defaults: BEHIND 7 days, the others at once); the answer is due after {@code answerWorkingDays} working
 * days ({@link WorkingDays}: weekends and the Chinese public holidays skipped); a case closes by itself once its target
 * was back on track ({@code ON_TRACK} or {@code COMPLETED}, no stale report) for {@code autoCloseAfter}.
 *
 * @param openAfter      conditions that open a case, each with how long it must hold; a condition not listed opens none
 * @param enabled        false: no case opens by itself (steps from the intake and monitor are still applied)
 */
public record SupervisionRules(boolean enabled, Map<String, Duration> openAfter, int answerWorkingDays,
                               Duration autoCloseAfter, WorkingDays calendar) {
    public static final String BEHIND = "BEHIND";
    public static final String BREACHED = "BREACHED";
    public static final String STALE_REPORT = "STALE_REPORT";

    public SupervisionRules {
        openAfter = Map.copyOf(openAfter);
        for (Map.Entry<String, Duration> e : openAfter.entrySet()) {
            if (!e.getKey().equals(BEHIND) && !e.getKey().equals(BREACHED) && !e.getKey().equals(STALE_REPORT)) {
                throw new IllegalArgumentException("a case opens on BEHIND, BREACHED or STALE_REPORT, not " + e.getKey());
            }
            if (e.getValue().isNegative()) {
                throw new IllegalArgumentException("how long " + e.getKey() + " must hold cannot be negative");
            }
        }
        if (answerWorkingDays < 1) {
            throw new IllegalArgumentException("the answer needs at least one working day, got " + answerWorkingDays);
        }
        if (autoCloseAfter.isNegative()) {
            throw new IllegalArgumentException("autoCloseAfter cannot be negative");
        }
        Objects.requireNonNull(calendar, "calendar");
    }

    public static SupervisionRules defaults() {
        Map<String, Duration> open = new LinkedHashMap<>();
        open.put(BEHIND, Duration.ofDays(7));
        open.put(BREACHED, Duration.ZERO);
        open.put(STALE_REPORT, Duration.ZERO);
        return new SupervisionRules(true, open, 5, Duration.ofDays(14), WorkingDays.china());
    }

    public SupervisionRules withOpenAfter(String condition, Duration held) {
        Map<String, Duration> open = new LinkedHashMap<>(openAfter);
        open.put(condition, held);
        return new SupervisionRules(enabled, open, answerWorkingDays, autoCloseAfter, calendar);
    }

    public SupervisionRules withAnswerWorkingDays(int days) {
        return new SupervisionRules(enabled, openAfter, days, autoCloseAfter, calendar);
    }

    public SupervisionRules withAutoCloseAfter(Duration after) {
        return new SupervisionRules(enabled, openAfter, answerWorkingDays, after, calendar);
    }

    public SupervisionRules withEnabled(boolean on) {
        return new SupervisionRules(on, openAfter, answerWorkingDays, autoCloseAfter, calendar);
    }

    @Override
    public String toString() {
        return "SupervisionRules{enabled=" + enabled + ", openAfter=" + openAfter + ", answerWorkingDays="
                + answerWorkingDays + ", autoCloseAfter=" + autoCloseAfter + "}";
    }
}
