package org.jingan.progress.intake.service;

import java.util.List;
import org.jingan.progress.intake.validation.ReportRow;
import org.jingan.progress.intake.validation.ReportValidator.DuplicateRule;

/**
 * One request to the intake: the reports, who sends them and how.
 *
 * @param departmentId   the department the credential belongs to
 * @param channel        HTTP, CLI, SPREADSHEET, DEMO…: stored on each event
 * @param single         one report (a random id when it has none) rather than a batch or file
 * @param idempotencyKey the client's Idempotency-Key, or null
 * @param client         the client address, for the audit log
 */
public record Submission(String departmentId, String channel, List<ReportRow> rows, DuplicateRule duplicateRule,
                         boolean single, String idempotencyKey, String client) {
}
