package org.jingan.progress.intake.delivery;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jingan.progress.avro.ProgressEvent;

/** Puts progress events on the progress-events topic; a future completes only once the broker has acknowledged. */
public interface EventPublisher extends AutoCloseable {

    /**
     * Sends the events in order. Each future completes with the broker's acknowledgement, or exceptionally (within
     * the configured delivery bound) when the broker or the registry cannot be reached.
     */
    List<CompletableFuture<Delivery>> publish(List<ProgressEvent> events);

    /** Whether the broker answered recently: for the readiness check, never blocks long. */
    boolean brokerReachable();

    @Override
    void close();
}
