package org.jingan.progress.catalog;

/** Publishing the catalog failed or was refused; {@link #reason()} tells why (unreachable, failed, a note missing). */
public class PublishException extends RuntimeException {

    public enum Reason {
        /** The broker or the schema registry did not answer. */
        UNREACHABLE,
        /** The cluster answered but refused or lacked something (missing topic, schema refused, write failed). */
        FAILED,
        /** A revision of a target already on the topic without a note saying why: refused before anything is written. */
        NOTE_REQUIRED
    }

    private final Reason reason;

    public PublishException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
