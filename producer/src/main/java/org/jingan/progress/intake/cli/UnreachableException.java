package org.jingan.progress.intake.cli;

/** The intake (or broker) could not be reached at all: exit code 3. */
final class UnreachableException extends Exception {
    UnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
