package org.jingan.progress.streams.topology;

import org.jingan.progress.streams.rules.Rejection;
import org.jingan.progress.streams.rules.RejectionReason;

/**
 * Thrown by the topology for a record it refuses; Kafka Streams hands it to the processing exception handler
 * ({@link DeadLetterProcessingHandler}), which sends the original bytes with the reason to the dead-letter topic and
 * lets processing go on. Thrown before any state is changed. No stack trace: it is an answer, not a bug.
 */
public final class RejectedRecordException extends RuntimeException {
    private final RejectionReason reason;

    public RejectedRecordException(Rejection rejection) {
        super(rejection.reason() + ": " + rejection.message(), null, false, false);
        this.reason = rejection.reason();
    }

    public RejectedRecordException(RejectionReason reason, String message) {
        this(new Rejection(reason, message));
    }

    public RejectionReason reason() {
        return reason;
    }
}
