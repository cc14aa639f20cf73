package org.jingan.progress.bulletins.data;

import java.time.LocalDate;

/**
 * A supervision case (督办) as it stood at the end of a day: open then, its answer due by {@code answerDueBy},
 * {@code overdue} when that day had passed with no answer, {@code escalated} when it had been raised to leadership.
 */
public record SupervisionCase(String caseId, String targetId, String nameZh, String nameEn, String departmentId,
                              LocalDate openedOn, LocalDate answerDueBy, boolean overdue, boolean escalated) {
}
