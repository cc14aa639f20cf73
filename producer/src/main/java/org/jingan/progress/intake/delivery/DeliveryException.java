package org.jingan.progress.intake.delivery;

/** An event was not acknowledged: the broker or the registry could not be reached in time. Retrying may help. */
public final class DeliveryException extends RuntimeException {
    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
