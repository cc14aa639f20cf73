package org.jingan.progress.bulletins.data;

import java.time.LocalDate;

/** A supervision case (督办) on a target, as the supervision loop keeps it: open, due by a date, overdue after. */
public record SupervisionCase(String caseId, String targetId, String title, LocalDate openedOn, LocalDate dueOn,
                              boolean overdue) {
}
