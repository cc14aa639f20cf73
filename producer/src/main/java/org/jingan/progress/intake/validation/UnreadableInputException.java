package org.jingan.progress.intake.validation;

/**
 * The request cannot be read at all (empty, not UTF-8, malformed JSON or CSV, too many rows, a form without its
 * file), so no report in it is
 * judged. Carries where it broke and what to do, in English and Chinese.
 */
public final class UnreadableInputException extends RuntimeException {
    /** What kind of unreadable, each its own problem type. */
    public enum Kind { EMPTY_BODY, MALFORMED_JSON, MALFORMED_CSV, NOT_UTF8, TOO_MANY_ROWS, BODY_TOO_LARGE, INVALID_HEADER, MISSING_FILE }

    private final Kind kind;
    private final Integer line;
    private final Integer column;
    private final String field;
    private final String messageZh;

    public UnreadableInputException(Kind kind, Integer line, Integer column, String field, String message, String messageZh) {
        super(message);
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.field = field;
        this.messageZh = messageZh;
    }

    public Kind kind() {
        return kind;
    }

    public Integer line() {
        return line;
    }

    public Integer column() {
        return column;
    }

    public String field() {
        return field;
    }

    public String messageZh() {
        return messageZh;
    }
}
