package org.jingan.progress.intake.validation;

/** The rules a report can break. Each maps to an HTTP status; all but {@link #FORBIDDEN_TARGET} are the sender's data. */
public enum Violation {
    TARGET_REQUIRED(422),
    UNKNOWN_TARGET(422),
    /** The target belongs to another department: the caller may not write it. */
    FORBIDDEN_TARGET(403),
    /** The body names a department other than the caller's credential. */
    DEPARTMENT_MISMATCH(403),
    UNKNOWN_KIND(422),
    KIND_NOT_FOR_TARGET(422),
    UNIT_MISMATCH(422),
    VALUE_REQUIRED(422),
    VALUE_NOT_A_NUMBER(422),
    VALUE_NOT_ALLOWED(422),
    VALUE_NOT_WHOLE(422),
    /** Not finite, or larger in size than {@link ValueBounds} allows for the target. */
    VALUE_OUT_OF_RANGE(422),
    NEGATIVE_INCREMENT(422),
    NEGATIVE_VALUE(422),
    EVENT_TIME_REQUIRED(422),
    EVENT_TIME_UNREADABLE(422),
    EVENT_TIME_IN_FUTURE(422),
    EVENT_TIME_BEFORE_YEAR(422),
    /** Dated after the end of the target's deadline day plus the reporting grace. */
    EVENT_TIME_AFTER_DEADLINE(422),
    CORRECTION_TARGET_REQUIRED(422),
    CORRECTION_TARGET_NOT_ALLOWED(422),
    /** A CORRECTION names an event the system does not know for that target (or one it cannot retract). */
    UNKNOWN_CORRECTED_EVENT(422),
    EVENT_ID_INVALID(422),
    TEXT_TOO_LONG(422),
    /** A control character (C0, DEL, C1) or an invisible text-direction or line-separator character. */
    CONTROL_CHARACTER(422),
    /** A spreadsheet's text cell that a spreadsheet program would run as a formula (=, +, -, @). */
    SPREADSHEET_FORMULA(422),
    DUPLICATE_ROW(422),
    /** A retraction on the department page without its reason. */
    REASON_REQUIRED(422),
    /** The eventId was already accepted for a different report. */
    EVENT_ID_CONFLICT(409);

    private final int status;

    Violation(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
