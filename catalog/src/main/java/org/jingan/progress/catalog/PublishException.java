package org.jingan.progress.catalog;

/** Publishing the catalog failed; {@link #reason()} tells whether the cluster could not be reached at all. */
public class PublishException extends RuntimeException {

    public enum Reason {
        /** The broker or the schema registry did not answer. */
        UNREACHABLE,
        /** The cluster answered but refused or lacked something (missing topic, schema refused, write failed). */
        FAILED
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
