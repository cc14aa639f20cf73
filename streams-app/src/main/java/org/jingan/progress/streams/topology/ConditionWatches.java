package org.jingan.progress.streams.topology;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.streams.avro.SupervisionWatch;

/**
 * The conditions of this task's targets that may open a supervision case, and since when each holds (district
 * clock), kept in the supervision-watch store and mirrored in memory. A snapshot whose status did not change costs
 * one map lookup: the hot path stays cheap.
 */
final class ConditionWatches {
    private final KeyValueStore<String, SupervisionWatch> store;
    private final Map<String, SupervisionWatch> byTarget = new HashMap<>();

    ConditionWatches(KeyValueStore<String, SupervisionWatch> store) {
        this.store = store;
    }

    void load() {
        byTarget.clear();
        try (KeyValueIterator<String, SupervisionWatch> it = store.all()) {
            it.forEachRemaining(kv -> byTarget.put(kv.key, kv.value));
        }
    }

    Collection<SupervisionWatch> all() {
        return byTarget.values();
    }

    SupervisionWatch get(String targetId) {
        return byTarget.get(targetId);
    }

    /** Takes the snapshot's status; returns the watch if its status changed (else null: nothing to do). */
    SupervisionWatch onSnapshot(ProgressSnapshot s, long now) {
        SupervisionWatch w = byTarget.get(s.getTargetId());
        String status = s.getStatus().name();
        if (w != null && w.getStatus().equals(status) && w.getDepartmentId().equals(s.getDepartmentId())) {
            return null;
        }
        if (w == null) {
            w = new SupervisionWatch(s.getTargetId(), s.getDepartmentId(), s.getNameZh(), s.getNameEn(), "",
                    new HashMap<>(), null);
        }
        w.setDepartmentId(s.getDepartmentId());
        w.setNameZh(s.getNameZh());
        w.setNameEn(s.getNameEn());
        w.setStatus(status);
        mark(w, SupervisionRules.BEHIND, s.getStatus() == TargetStatus.BEHIND, now);
        mark(w, SupervisionRules.BREACHED, s.getStatus() == TargetStatus.BREACHED, now);
        return save(w, now);
    }

    /** Takes a stale-report alert (firing or resolved); returns the watch if it changed, else null. */
    SupervisionWatch onAlert(Alert a, long now) {
        if (a.getKind() != AlertKind.STALE_REPORT) {
            return null;
        }
        SupervisionWatch w = byTarget.get(a.getTargetId());
        boolean firing = a.getState() == AlertState.FIRING;
        if (w == null) {
            if (!firing) {
                return null;
            }
            // the publisher forwards a target's alerts before its snapshot: the snapshot fills in the status
            w = new SupervisionWatch(a.getTargetId(), a.getDepartmentId(), a.getNameZh(), a.getNameEn(), "",
                    new HashMap<>(), null);
        }
        boolean was = w.getActive().containsKey(SupervisionRules.STALE_REPORT);
        if (firing == was && byTarget.containsKey(w.getTargetId())) {
            return null;
        }
        mark(w, SupervisionRules.STALE_REPORT, firing, now);
        return save(w, now);
    }

    private static void mark(SupervisionWatch w, String condition, boolean holds, long now) {
        Map<String, Long> active = new HashMap<>(w.getActive());
        if (holds) {
            active.putIfAbsent(condition, now);
        } else {
            active.remove(condition);
        }
        w.setActive(active);
    }

    private SupervisionWatch save(SupervisionWatch w, long now) {
        boolean onTrack = (w.getStatus().equals(TargetStatus.ON_TRACK.name())
                || w.getStatus().equals(TargetStatus.COMPLETED.name())) && w.getActive().isEmpty();
        if (!onTrack) {
            w.setOnTrackSince(null);
        } else if (w.getOnTrackSince() == null) {
            w.setOnTrackSince(now);
        }
        byTarget.put(w.getTargetId(), w);
        store.put(w.getTargetId(), w);
        return w;
    }
}
