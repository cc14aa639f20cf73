package org.jingan.progress.intake.delivery;

import java.time.Instant;

/** Where the broker stored an event, as it acknowledged it. */
public record Delivery(String topic, int partition, long offset, Instant timestamp) {
}
