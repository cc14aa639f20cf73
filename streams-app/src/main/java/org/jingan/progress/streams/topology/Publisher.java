package org.jingan.progress.streams.topology;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.streams.avro.FiringCondition;
import org.jingan.progress.streams.avro.RollupContribution;
import org.jingan.progress.streams.avro.TargetState;
import org.jingan.progress.streams.rules.AlertTransitions;
import org.jingan.progress.streams.rules.Evaluation;
import org.jingan.progress.streams.rules.Ledger;
import org.jingan.progress.streams.rules.Progress;
import org.jingan.progress.streams.rules.RuleConfig;
import org.jingan.progress.streams.rules.Rollups;
import org.jingan.progress.streams.topology.TrackedTargets.Tracked;

/**
 * Publishes a target's standing: the alert transitions (to progress-alerts and the firing-alerts store), the snapshot
 * (to target-progress and the target-standing store) and its roll-up contribution. Output records carry the wall-clock
 * time they were made (processing time), so the topics' retention and compaction never depend on the district's
 * date; the business time (as of, firing since) is in the values.
 */
final class Publisher {
    private final ProcessorContext<String, Object> context;
    private final KeyValueStore<String, ProgressSnapshot> standing;
    private final KeyValueStore<String, Alert> firingAlerts;
    private final TrackedTargets targets;
    private final RollupPartials rollups;
    private final RuleConfig rules;

    Publisher(ProcessorContext<String, Object> context, KeyValueStore<String, ProgressSnapshot> standing,
              KeyValueStore<String, Alert> firingAlerts, TrackedTargets targets, RollupPartials rollups,
              RuleConfig rules) {
        this.context = context;
        this.standing = standing;
        this.firingAlerts = firingAlerts;
        this.targets = targets;
        this.rollups = rollups;
        this.rules = rules;
    }

    /** Publishes {@code t} as evaluated in {@code ev}; its state is written and it is clean afterwards. */
    void publish(Tracked t, Evaluation ev) {
        TargetState state = t.state;
        Progress progress = Ledger.progress(state);
        Double targetValue = t.terms.targetValue();
        long asOf = ev.asOf();

        Map<AlertKind, Long> firing = firingOf(state);
        List<AlertTransitions.Transition> transitions = AlertTransitions.between(firing, ev.conditions(), asOf);
        if (!transitions.isEmpty()) {
            TargetStatus previous = t.lastStatus();
            for (AlertTransitions.Transition tr : transitions) {
                Alert alert = Publications.alert(t.target, t.terms, tr.kind(), tr.state(), tr.since(), ev, previous,
                        progress, rules);
                if (tr.state() == AlertState.FIRING) {
                    firingAlerts.put(alert.getDedupKey(), alert);
                    firing.put(tr.kind(), tr.since());
                } else {
                    firingAlerts.delete(alert.getDedupKey());
                    firing.remove(tr.kind());
                }
                forward(alert.getDedupKey(), alert);
            }
            List<FiringCondition> list = new ArrayList<>(firing.size());
            firing.forEach((k, since) -> list.add(new FiringCondition(k.name(), since)));
            state.setFiring(list);
        }

        ProgressSnapshot snapshot = Publications.snapshot(t.target, t.terms, targetValue, progress, ev);
        standing.put(t.id(), snapshot);
        forward(t.id(), snapshot);

        RollupContribution contribution = Rollups.contribution(t.target, t.terms, ev);
        rollups.contribute(state.getContribution(), contribution, asOf);
        state.setContribution(contribution);
        state.setLastStatus(ev.status().name());
        state.setPublishedAt(asOf);
        state.setPublishedExpected(ev.expectedRatio());
        targets.published(t);
        t.publishedWallClock = context.currentSystemTimeMs();
    }

    /** A withdrawn target: its firing alerts resolve, its roll-up share and standing go (a tombstone). */
    void withdraw(Tracked t, Evaluation ev) {
        Progress progress = Ledger.progress(t.state);
        TargetStatus last = t.lastStatus();
        for (FiringCondition f : t.state.getFiring()) {
            Alert resolved = Publications.alert(t.target, t.terms, AlertKind.valueOf(f.getKind()),
                    AlertState.RESOLVED, f.getSince(), ev, last, progress, rules);
            firingAlerts.delete(resolved.getDedupKey());
            forward(resolved.getDedupKey(), resolved);
        }
        rollups.contribute(t.state.getContribution(), null, ev.asOf());
        standing.delete(t.id());
        forward(t.id(), null);
    }

    private void forward(String key, Object value) {
        context.forward(new Record<>(key, value, context.currentSystemTimeMs()));
    }

    private static Map<AlertKind, Long> firingOf(TargetState state) {
        Map<AlertKind, Long> firing = new EnumMap<>(AlertKind.class);
        for (FiringCondition f : state.getFiring()) {
            firing.put(AlertKind.valueOf(f.getKind()), f.getSince());
        }
        return firing;
    }
}
