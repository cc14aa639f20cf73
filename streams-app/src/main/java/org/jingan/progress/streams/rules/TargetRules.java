package org.jingan.progress.streams.rules;

import java.time.LocalDate;

import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.PacePoint;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;

/** What a target definition must satisfy to be tracked. */
public final class TargetRules {

    private TargetRules() {
    }

    /** Why {@code target} (record key {@code key}) cannot be tracked, or null when it can. */
    public static Rejection check(String key, Target target) {
        String id = target.getId();
        if (!id.equals(key)) {
            return invalid("Target record key '" + key + "' differs from its id '" + id + "': publish it keyed by its id");
        }
        if (id.isBlank() || id.indexOf('/') >= 0 || id.indexOf('|') >= 0) {
            return invalid("Target id '" + id + "' must be non-blank without '/' or '|' (they separate keys in the stores)");
        }
        Double value = target.getTargetValue();
        if (value != null && (value.isNaN() || value.isInfinite() || value < 0)) {
            return invalid("Target '" + id + "' has targetValue " + value + ": use a number > 0, or null while pending");
        }
        // zero is a ceiling's value only (零增长: nothing allowed); a floor of zero would be met by doing nothing
        if (value != null && value == 0 && target.getComparator() != Comparator.AT_MOST) {
            return invalid("Target '" + id + "' has targetValue 0 with comparator " + target.getComparator()
                    + ": 0 is a value only for an AT_MOST ceiling; use a number > 0, or null while pending");
        }
        boolean milestone = target.getKind() == TargetKind.MILESTONE;
        if (milestone != (target.getComparator() == Comparator.DONE)) {
            return invalid("Target '" + id + "' is a " + target.getKind() + " with comparator " + target.getComparator()
                    + ": DONE goes with MILESTONE and only with it");
        }
        if (target.getComparator() == Comparator.AT_MOST && target.getKind() != TargetKind.CEILING) {
            return invalid("Target '" + id + "' has comparator AT_MOST but kind " + target.getKind() + ": use kind CEILING");
        }
        if (target.getUnit() == null || target.getUnit().isBlank()) {
            return invalid("Target '" + id + "' has no unit");
        }
        LocalDate deadline = target.getDeadline();
        if (deadline.getYear() < target.getYear()) {
            return invalid("Target '" + id + "' has deadline " + deadline + " before its year " + target.getYear());
        }
        LocalDate previous = null;
        double previousRatio = 0;
        for (PacePoint p : target.getPacePlan()) {
            double r = p.getExpectedRatio();
            if (!(r >= 0 && r <= 1)) {
                return invalid("Target '" + id + "' pace plan has expectedRatio " + r + " on " + p.getDate()
                        + ": ratios are shares between 0 and 1");
            }
            if (p.getDate().getYear() < target.getYear()) {
                return invalid("Target '" + id + "' pace plan has a checkpoint on " + p.getDate() + ", before its year");
            }
            if (previous != null && (!p.getDate().isAfter(previous) || r < previousRatio)) {
                return invalid("Target '" + id + "' pace plan must list checkpoints by increasing date with ratios that"
                        + " do not decrease; " + p.getDate() + " -> " + r + " follows " + previous + " -> " + previousRatio);
            }
            previous = p.getDate();
            previousRatio = r;
        }
        return null;
    }

    private static Rejection invalid(String message) {
        return new Rejection(RejectionReason.INVALID_TARGET, message);
    }
}
