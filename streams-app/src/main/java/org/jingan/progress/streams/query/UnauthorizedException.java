package org.jingan.progress.streams.query;

/** The caller did not prove who it is (HTTP 401); the message says what was missing, never what was expected. */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
