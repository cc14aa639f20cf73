package org.jingan.progress.monitor.decision;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operators' decisions per dedup key, as last read from (or written to) the acknowledgements topic.
 * Read by the console and by the alert grouper (what a grouped notice leaves out); thread-safe.
 */
public final class DecisionStore {
    private final Map<String, OperatorDecision> byKey = new ConcurrentHashMap<>();

    /** The decision for {@code dedupKey}, or an empty one. */
    public OperatorDecision get(String dedupKey) {
        return byKey.getOrDefault(dedupKey, OperatorDecision.none(dedupKey));
    }

    /** Records the latest state of a key; null or an empty decision forgets it. */
    public void put(String dedupKey, OperatorDecision decision) {
        if (decision == null || decision.isEmpty()) {
            byKey.remove(dedupKey);
        } else {
            byKey.put(dedupKey, decision);
        }
    }

    public int size() {
        return byKey.size();
    }
}
