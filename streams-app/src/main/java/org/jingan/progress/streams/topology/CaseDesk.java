package org.jingan.progress.streams.topology;

import org.apache.kafka.streams.state.KeyValueStore;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.SupervisionCaseState;
import org.jingan.progress.contract.CaseFile;

/**
 * This task's supervision cases in the supervision-cases store: each target's current case under its id, its closed
 * earlier ones under {@code targetId|n} (moved there when the next case opens), so a target's cases are one prefix
 * scan. Every step goes through {@link CaseFile}, the fold every reader of the topic shares.
 */
final class CaseDesk {
    private final KeyValueStore<String, SupervisionCaseState> store;

    CaseDesk(KeyValueStore<String, SupervisionCaseState> store) {
        this.store = store;
    }

    SupervisionCaseState current(String targetId) {
        return store.get(targetId);
    }

    /** Applies the step; returns the case after it, or null if the case cannot take it (nothing changed). */
    SupervisionCaseState apply(SupervisionCaseEvent e) {
        SupervisionCaseState current = store.get(e.getTargetId());
        SupervisionCaseState next = CaseFile.apply(current, e);
        if (next == null) {
            return null;
        }
        if (current != null && !current.getCaseId().equals(next.getCaseId())) {
            store.put(ProgressStores.caseArchiveKey(current.getTargetId(), current.getCaseNumber()), current);
        }
        store.put(e.getTargetId(), next);
        return next;
    }
}
