package org.jingan.progress.stack.demo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jingan.progress.avro.Target;

/** Where the demo replay sends the departments' reports and the city's target revisions. */
public interface DemoSink extends AutoCloseable {

    /**
     * Sends {@code reports} and returns once the receiver has acknowledged every one of them, with those it refused
     * (bad data: not retried). Throws {@link SinkUnavailableException} when the receiver cannot be reached or failed,
     * in which case nothing may be taken as acknowledged and the whole batch is sent again.
     */
    List<Rejection> send(List<DemoReport> reports) throws SinkUnavailableException;

    /** Publishes a revised catalog target and returns once it is acknowledged. */
    void revise(Target revised) throws SinkUnavailableException;

    /** Where the reports go, for the banner. */
    String describe();

    @Override
    default void close() {
    }

    /** A report the receiver refused, and its reason as the receiver gave it. */
    record Rejection(DemoReport report, String reason) {
    }

    /** The receiver is unreachable or failed: worth retrying later (after {@link #retryAfter()} when it said so). */
    final class SinkUnavailableException extends Exception {
        private final Duration retryAfter;

        public SinkUnavailableException(String message, Throwable cause) {
            this(message, cause, null);
        }

        /** {@code retryAfter}: how long the receiver asked to wait (HTTP Retry-After), or null. */
        public SinkUnavailableException(String message, Throwable cause, Duration retryAfter) {
            super(message, cause);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }
}
