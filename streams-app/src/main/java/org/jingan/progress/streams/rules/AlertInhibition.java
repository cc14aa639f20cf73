package org.jingan.progress.streams.rules;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.jingan.progress.avro.AlertKind;

/**
 * Inhibition, as Alertmanager's {@code inhibit_rules}: while a source condition holds on a target, the conditions it
 * covers on the same target are not raised. A target already BEHIND plan (or over its ceiling) needs no second notice
 * that it will miss the year; once the source clears, the covered condition fires if it still holds.
 */
public final class AlertInhibition {
    /** Source condition: the conditions it inhibits on the same target. */
    private static final Map<AlertKind, Set<AlertKind>> INHIBITS = Map.of(
            AlertKind.BEHIND, EnumSet.of(AlertKind.FORECAST_MISS),
            AlertKind.BREACHED, EnumSet.of(AlertKind.FORECAST_MISS));

    private AlertInhibition() {
    }

    /** Removes from {@code conditions} every condition another one in it inhibits. */
    static void apply(Set<AlertKind> conditions) {
        EnumSet<AlertKind> inhibited = EnumSet.noneOf(AlertKind.class);
        for (AlertKind source : conditions) {
            inhibited.addAll(INHIBITS.getOrDefault(source, Set.of()));
        }
        conditions.removeAll(inhibited);
    }

    /** The condition among {@code conditions} that inhibits {@code kind}, or null. */
    public static AlertKind inhibitorOf(AlertKind kind, Set<AlertKind> conditions) {
        for (AlertKind source : conditions) {
            if (INHIBITS.getOrDefault(source, Set.of()).contains(kind)) {
                return source;
            }
        }
        return null;
    }
}
