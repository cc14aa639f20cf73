package org.jingan.progress.bulletins.data;

import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The freshness of every answer a document was built from, summed up: which instances answered, whether any part
 * came from a standby or a copy catching up, and the largest lag in records and in time (unknown if any was).
 */
public final class FreshnessTally {
    private final Set<String> answeredBy = new TreeSet<>();
    private boolean stale;
    private boolean lagUnknown;
    private long maxOffsetLag;
    private long maxTimeLagMs;
    private int answers;

    synchronized void add(JsonNode freshness) {
        if (freshness.isMissingNode() || freshness.isNull()) {
            return;
        }
        answers++;
        answeredBy.add(freshness.path("answeredBy").asText());
        stale |= freshness.path("stale").asBoolean();
        if (freshness.path("maxOffsetLag").isNumber()) {
            maxOffsetLag = Math.max(maxOffsetLag, freshness.path("maxOffsetLag").asLong());
        } else {
            lagUnknown = true;
        }
        if (freshness.path("maxTimeLagMs").isNumber()) {
            maxTimeLagMs = Math.max(maxTimeLagMs, freshness.path("maxTimeLagMs").asLong());
        }
    }

    public synchronized DataFreshness result() {
        return new DataFreshness(answers, String.join(", ", answeredBy), stale,
                lagUnknown ? null : maxOffsetLag, maxTimeLagMs);
    }
}
