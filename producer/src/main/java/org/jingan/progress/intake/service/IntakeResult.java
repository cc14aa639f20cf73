package org.jingan.progress.intake.service;

import java.time.Duration;
import java.util.List;
import org.jingan.progress.intake.validation.FieldError;
import org.jingan.progress.intake.validation.Violation;

/** What became of a submission. */
public sealed interface IntakeResult {

    /** Every report is stored (acknowledged by the broker). {@code replayed}: all of it had been stored before. */
    record Accepted(List<AcceptedEvent> events, boolean replayed) implements IntakeResult {
    }

    /** Nothing was written: these are every report's errors. */
    record Rejected(List<FieldError> errors) implements IntakeResult {
        /** 403 when a report touches another department, 409 when only ids clash, 422 otherwise. */
        public int status() {
            if (errors.stream().anyMatch(e -> e.code().status() == 403)) {
                return 403;
            }
            if (errors.stream().allMatch(e -> e.code() == Violation.EVENT_ID_CONFLICT)) {
                return 409;
            }
            return 422;
        }
    }

    /**
     * The broker (or registry) did not acknowledge in time. {@code stored} reports were acknowledged; the others may
     * or may not be. Sending the same request again (same ids or Idempotency-Key) stores the rest and counts the
     * stored ones once.
     */
    record Unavailable(String reason, List<AcceptedEvent> stored, List<String> notStoredEventIds, Duration retryAfter)
            implements IntakeResult {
    }
}
