package org.jingan.progress.streams.query;

/**
 * No copy of the data can answer now: stores migrating after a rebalance, an instance restoring, or no copy
 * fresh enough for the client's staleness bound. Answered 503 with Retry-After: the client should simply retry.
 */
public class UnavailableException extends RuntimeException {
    private final String type;

    public UnavailableException(String type, String message) {
        super(message);
        this.type = type;
    }

    public UnavailableException(String type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    /**
     * Problem type slug: {@code not-ready}, {@code store-migrating}, {@code too-stale}, {@code peer-unreachable},
     * {@code peer-incompatible}, {@code peer-unauthorized}.
     */
    public String type() {
        return type;
    }
}
