package org.jingan.progress.streams.rules;

/** A record refused by the rules: the reason code and a sentence saying what was wrong and how to fix it. */
public record Rejection(RejectionReason reason, String message) {
}
