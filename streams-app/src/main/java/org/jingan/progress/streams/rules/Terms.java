package org.jingan.progress.streams.rules;

import java.util.ArrayList;
import java.util.List;

import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.PacePoint;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.contract.PlanSource;

/**
 * What a target asks for, prepared for the rules: its kind, comparator, value (null while pending; 1 for a
 * milestone without one), pace plan and where that plan comes from (prepared once per revision, so a report costs
 * nothing more to name it).
 */
public record Terms(TargetKind kind, Comparator comparator, Double targetValue, PacePlan plan, PlanSource source) {

    /** Terms on 时序进度 or a plan whose source does not matter to the caller. */
    public Terms(TargetKind kind, Comparator comparator, Double targetValue, PacePlan plan) {
        this(kind, comparator, targetValue, plan, PlanSource.LINEAR);
    }

    public static Terms of(Target target, RuleConfig config) {
        List<PacePlan.Checkpoint> checkpoints = new ArrayList<>(target.getPacePlan().size());
        for (PacePoint p : target.getPacePlan()) {
            checkpoints.add(new PacePlan.Checkpoint(p.getDate(), p.getExpectedRatio()));
        }
        PacePlan plan = PacePlan.of(target.getYear(), target.getDeadline(), checkpoints, config.zone());
        Double value = target.getTargetValue();
        if (value == null && target.getKind() == TargetKind.MILESTONE) {
            value = 1.0;
        }
        return new Terms(target.getKind(), target.getComparator(), value, plan, PlanSource.of(target));
    }

    public boolean pending() {
        return targetValue == null;
    }
}
