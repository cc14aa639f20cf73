package org.jingan.progress.streams.rules;

/** Why a record went to the dead-letter topic instead of being counted. Each has a metric. */
public enum RejectionReason {
    /** The bytes could not be decoded (not the registry wire format, unknown schema id, corrupt Avro). */
    UNDECODABLE,
    /** Structurally unusable: a null value, key and targetId differ, a CORRECTION without correctsEventId. */
    INVALID_EVENT,
    /** No target with that id is known (not in the targets topic, or not yet). */
    UNKNOWN_TARGET,
    /** The reporting department does not own the target. */
    DEPARTMENT_MISMATCH,
    /** The unit is not the target's unit. */
    UNIT_MISMATCH,
    /** The update kind does not fit the target's kind (e.g. INCREMENT on a MILESTONE). */
    KIND_MISMATCH,
    /** Increments and totals mixed on one target: its actual is kept one way, fixed by the first report. */
    MODE_CONFLICT,
    /** A value that cannot be right: missing, NaN, infinite, a negative increment or total of a count. */
    IMPOSSIBLE_VALUE,
    /** An event time that cannot be right: after the report was sent. */
    IMPOSSIBLE_TIME,
    /**
     * An event time outside what the target accepts: before its year, after the district clock's now (plus a small
     * skew), or after its deadline plus the reporting grace.
     */
    EVENT_TIME_OUT_OF_RANGE,
    /** A CORRECTION naming an event that is unknown, of another target, already retracted, or itself a correction. */
    UNKNOWN_CORRECTED_EVENT,
    /** An event id seen before with different content: ids must not be reused. */
    EVENT_ID_REUSED,
    /** A target definition that cannot be used (no id match, bad value, deadline or pace plan). */
    INVALID_TARGET,
    /** A target revision older than the one in force. */
    STALE_TARGET_REVISION,
    /** An unexpected error while processing the record (a bug): the record is kept for a replay after the fix. */
    PROCESSING_ERROR
}
