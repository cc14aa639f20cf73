package org.jingan.progress.bulletins.data;

import java.time.Instant;

/** A STALE_REPORT alert firing at the time of reading, with the time it started. */
public record StaleNotice(String targetId, Instant since) {
}
