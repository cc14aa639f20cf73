package org.jingan.progress.streams.rules;

import java.util.ArrayList;
import java.util.List;

import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.PacePoint;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;

/**
 * What a target asks for, prepared for the rules: its kind, comparator, value (null while pending; 1 for a
 * milestone without one) and pace plan.
 */
public record Terms(TargetKind kind, Comparator comparator, Double targetValue, PacePlan plan) {

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
        return new Terms(target.getKind(), target.getComparator(), value, plan);
    }

    public boolean pending() {
        return targetValue == null;
    }
}
