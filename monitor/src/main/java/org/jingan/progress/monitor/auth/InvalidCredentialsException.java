package org.jingan.progress.monitor.auth;

/** Credentials were presented and are wrong: unknown name or password, a bad, expired or foreign token. */
public final class InvalidCredentialsException extends Exception {
    public InvalidCredentialsException(String message) {
        super(message);
    }

    public InvalidCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
