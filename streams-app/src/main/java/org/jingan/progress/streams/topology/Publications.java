package org.jingan.progress.streams.topology;

import java.time.Instant;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.contract.PlanSource;
import org.jingan.progress.streams.avro.HistoryPoint;
import org.jingan.progress.streams.rules.AlertMessages;
import org.jingan.progress.streams.rules.AlertTransitions;
import org.jingan.progress.streams.rules.Evaluation;
import org.jingan.progress.streams.rules.Progress;
import org.jingan.progress.streams.rules.RuleConfig;
import org.jingan.progress.streams.rules.Terms;

/** The records the topology publishes and stores, built from a target and its evaluation. */
final class Publications {

    private Publications() {
    }

    static ProgressSnapshot snapshot(Target target, Terms terms, Double targetValue, Progress progress, Evaluation ev) {
        PlanSource plan = terms.source();
        return new ProgressSnapshot(target.getId(), target.getRevision(), target.getNameZh(), target.getNameEn(),
                target.getSectionId(), target.getDepartmentId(), target.getParentTargetId(), target.getKind(),
                target.getComparator(), target.getUnit(), targetValue,
                progress.actual(), progress.eventCount(), ev.completionRatio(), ev.expectedRatio(), ev.gap(), ev.headroom(),
                ev.status(), ev.forecast() == null ? null : ev.forecast().yearEnd(),
                ev.forecast() == null ? null : ev.forecast().completionDate(), ev.velocityPerDay(),
                progress.lastEventTime() == null ? null : Instant.ofEpochMilli(progress.lastEventTime()),
                Instant.ofEpochMilli(ev.asOf()), plan.kind().name(), plan.approvedBy(), plan.approvedOn());
    }

    static Alert alert(Target target, Terms terms, AlertKind kind, AlertState state, long since, Evaluation ev,
                       TargetStatus previousStatus, Progress progress, RuleConfig rules) {
        String dedupKey = AlertTransitions.dedupKey(target.getId(), kind);
        AlertMessages.Text text = AlertMessages.of(target, terms, kind, state, ev, progress, rules);
        Double targetValue = terms.targetValue();
        return new Alert(dedupKey + "/" + state.name() + "/" + since, dedupKey, target.getId(), target.getNameZh(),
                target.getNameEn(), target.getDepartmentId(), kind, state, AlertTransitions.severity(kind), ev.status(),
                previousStatus, target.getUnit(), targetValue, ev.expectedValue(targetValue), progress.actual(), ev.gap(),
                ev.forecast() == null ? null : ev.forecast().yearEnd(), Instant.ofEpochMilli(since),
                Instant.ofEpochMilli(ev.asOf()), text.zh(), text.en());
    }

    static HistoryPoint historyPoint(Target target, Terms terms, Double targetValue, String bucket, Progress progress,
                                     Evaluation ev) {
        PlanSource plan = terms.source();
        return new HistoryPoint(target.getId(), bucket, ev.asOf(), target.getRevision(), targetValue, progress.actual(),
                ev.expectedRatio(), ev.expectedValue(targetValue), ev.completionRatio(),
                ev.forecast() == null ? null : ev.forecast().yearEnd(), ev.status().name(), plan.kind().name(),
                plan.approvedBy(), plan.approvedOn() == null ? null : plan.approvedOn().toString());
    }
}
