package org.jingan.progress.bulletins.data;

/** The query API could not be read: not reachable, not ready, or an answer it refused. The message says what to do. */
public final class QueryApiException extends IllegalStateException {
    public QueryApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
