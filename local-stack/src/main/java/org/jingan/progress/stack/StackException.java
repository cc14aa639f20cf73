package org.jingan.progress.stack;

/**
 * A problem the person starting the stack can fix: the message is one sentence saying what is wrong and what to
 * do, printed without a stack trace.
 */
public final class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
