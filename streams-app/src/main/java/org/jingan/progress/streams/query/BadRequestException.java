package org.jingan.progress.streams.query;

/** The client asked something malformed; the message says what and how to fix it (HTTP 400). */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
