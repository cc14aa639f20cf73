package org.jingan.progress.bulletins.data;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One target with its recorded history (oldest first), its pace plan, and the day its standing is evaluated as of
 * (the day its stream task has reached: every day before it is closed in the history).
 */
public record TargetRecord(TargetFacts facts, List<HistoryPoint> history, List<PlanPoint> plan, LocalDate standingDay) {

    /** Whether the stores have closed {@code date} for this target (its task has moved past that day). */
    public boolean closed(LocalDate date) {
        return standingDay != null && standingDay.isAfter(date);
    }

    /** The standing at the end of {@code date}: its own bucket, or none if nothing was recorded for that day. */
    public Optional<HistoryPoint> at(LocalDate date) {
        return history.stream().filter(p -> p.date().equals(date)).findFirst();
    }

    /** The points up to and including {@code date}, for the burn-up chart. */
    public List<HistoryPoint> until(LocalDate date) {
        return history.stream().filter(p -> !p.date().isAfter(date)).toList();
    }
}
