package org.jingan.progress.intake.delivery;

import org.jingan.progress.avro.ProgressEvent;

/** An event as read back from the progress-events topic, and where it is stored there. */
public record StoredEvent(ProgressEvent event, Delivery where) {
}
