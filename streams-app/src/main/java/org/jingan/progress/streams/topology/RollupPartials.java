package org.jingan.progress.streams.topology;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jingan.progress.streams.avro.RollupContribution;
import org.jingan.progress.streams.avro.RollupPartial;
import org.jingan.progress.streams.rules.Rollups;

/**
 * This partition's share of the department and section roll-ups (the progress-rollups store), kept in memory and
 * written once per record or punctuation ({@link #flush}), however many targets changed.
 */
final class RollupPartials {
    private final KeyValueStore<String, RollupPartial> store;
    private final int partition;
    private final Map<String, RollupPartial> partials = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();

    RollupPartials(KeyValueStore<String, RollupPartial> store, int partition) {
        this.store = store;
        this.partition = partition;
    }

    void load() {
        partials.clear();
        changed.clear();
        try (KeyValueIterator<String, RollupPartial> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, RollupPartial> kv = it.next();
                partials.put(kv.key, kv.value);
            }
        }
    }

    /** Moves a target's contribution from {@code before} to {@code after} (either may be null). */
    void contribute(RollupContribution before, RollupContribution after, long now) {
        if (before != null && before.equals(after)) {
            return;
        }
        if (before != null) {
            change(Rollups.DEPARTMENT, before.getDepartmentId(), c -> Rollups.apply(c, before, -1, now));
            change(Rollups.SECTION, before.getSectionId(), c -> Rollups.apply(c, before, -1, now));
        }
        if (after != null) {
            change(Rollups.DEPARTMENT, after.getDepartmentId(), c -> Rollups.apply(c, after, 1, now));
            change(Rollups.SECTION, after.getSectionId(), c -> Rollups.apply(c, after, 1, now));
        }
    }

    private void change(String scope, String scopeId, Consumer<RollupPartial> change) {
        String key = ProgressStores.rollupKey(scope, scopeId, partition);
        change.accept(partials.computeIfAbsent(key, k -> Rollups.emptyPartial(scope, scopeId, partition)));
        changed.add(key);
    }

    /** Writes the changed partials (an empty one is deleted). */
    void flush() {
        if (changed.isEmpty()) {
            return;
        }
        for (String key : changed) {
            RollupPartial p = partials.get(key);
            if (p.getTopLevelTargets() == 0 && p.getSubTargets() == 0) {
                partials.remove(key);
                store.delete(key);
            } else {
                store.put(key, p);
            }
        }
        changed.clear();
    }
}
