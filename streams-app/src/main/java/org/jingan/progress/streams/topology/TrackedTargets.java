package org.jingan.progress.streams.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.streams.avro.FiringCondition;
import org.jingan.progress.streams.avro.TargetState;
import org.jingan.progress.streams.rules.LastPublished;
import org.jingan.progress.streams.rules.RuleConfig;
import org.jingan.progress.streams.rules.Terms;

/**
 * The task's targets: their definitions and working state (the target-definitions and target-state stores),
 * mirrored in memory so reads cost no deserialization, and which of them have counted reports not yet published
 * (the dirty flag is in the state too, so a crash loses none).
 */
final class TrackedTargets {

    /** A target of this task: its definition, prepared terms and working state (the same objects as in the stores). */
    static final class Tracked {
        final Target target;
        final Terms terms;
        final TargetState state;
        /** Wall-clock time of the last publication (in memory only: it paces publishing, it is not state). */
        long publishedWallClock = Long.MIN_VALUE / 2;

        Tracked(Target target, Terms terms, TargetState state) {
            this.target = target;
            this.terms = terms;
            this.state = state;
        }

        String id() {
            return target.getId();
        }

        /** The status last published, or null if never. */
        TargetStatus lastStatus() {
            return state.getLastStatus() == null ? null : TargetStatus.valueOf(state.getLastStatus());
        }

        /** What was last published: the rules keep a status (hysteresis) and an early warning by it. */
        LastPublished lastPublished() {
            if (state.getLastStatus() == null && state.getFiring().isEmpty()) {
                return LastPublished.NONE;
            }
            Set<AlertKind> firing = EnumSet.noneOf(AlertKind.class);
            for (FiringCondition f : state.getFiring()) {
                firing.add(AlertKind.valueOf(f.getKind()));
            }
            return new LastPublished(lastStatus(), firing);
        }
    }

    private final KeyValueStore<String, Target> definitions;
    private final KeyValueStore<String, TargetState> states;
    private final RuleConfig rules;
    private final Map<String, Tracked> tracked = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();

    TrackedTargets(KeyValueStore<String, Target> definitions, KeyValueStore<String, TargetState> states,
                   RuleConfig rules) {
        this.definitions = definitions;
        this.states = states;
        this.rules = rules;
    }

    /** Mirrors the stores; the processor may be re-initialized after a failure, so start clean. */
    void load() {
        tracked.clear();
        dirty.clear();
        try (KeyValueIterator<String, Target> it = definitions.all()) {
            while (it.hasNext()) {
                KeyValue<String, Target> kv = it.next();
                tracked.put(kv.key, new Tracked(kv.value, Terms.of(kv.value, rules), newState(kv.key)));
            }
        }
        try (KeyValueIterator<String, TargetState> it = states.all()) {
            while (it.hasNext()) {
                KeyValue<String, TargetState> kv = it.next();
                Tracked t = tracked.get(kv.key);
                if (t != null) {
                    tracked.put(kv.key, new Tracked(t.target, t.terms, kv.value));
                    if (kv.value.getDirty()) {
                        dirty.add(kv.key);
                    }
                }
            }
        }
    }

    Tracked get(String id) {
        return tracked.get(id);
    }

    boolean contains(String id) {
        return tracked.containsKey(id);
    }

    Collection<Tracked> all() {
        return tracked.values();
    }

    /** Puts a (new or revised) definition in force; the working state carries over a revision. */
    Tracked define(Target target) {
        Tracked existing = tracked.get(target.getId());
        Tracked t = new Tracked(target, Terms.of(target, rules),
                existing != null ? existing.state : newState(target.getId()));
        tracked.put(target.getId(), t);
        definitions.put(target.getId(), target);
        return t;
    }

    /** Forgets a withdrawn target; returns what it was, or null if unknown. */
    Tracked remove(String id) {
        Tracked t = tracked.remove(id);
        if (t != null) {
            definitions.delete(id);
            states.delete(id);
            dirty.remove(id);
        }
        return t;
    }

    /** A target whose counted reports wait for the next publication. */
    void markDirty(Tracked t) {
        t.state.setDirty(true);
        states.put(t.id(), t.state);
        dirty.add(t.id());
    }

    /** A target just published: its state is written and it is clean. */
    void published(Tracked t) {
        t.state.setDirty(false);
        states.put(t.id(), t.state);
        dirty.remove(t.id());
    }

    /** The dirty targets, in the order they became dirty; the set is emptied. */
    List<Tracked> takeDirty() {
        List<Tracked> out = new ArrayList<>(dirty.size());
        for (String id : dirty) {
            Tracked t = tracked.get(id);
            if (t != null) {
                out.add(t);
            }
        }
        dirty.clear();
        return out;
    }

    private static TargetState newState(String targetId) {
        return TargetState.newBuilder().setTargetId(targetId).build();
    }
}
