package org.jingan.progress.streams.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Severity;

/**
 * Firing/resolved bookkeeping, as Prometheus Alertmanager does it: one condition per target and kind (the dedup key
 * targetId/kind). A condition that starts to hold fires once; while it holds nothing new is sent; when it stops
 * holding a RESOLVED notice with the same dedup key follows. An escalation (AT_RISK to BEHIND) therefore resolves
 * AT_RISK and fires BEHIND, so every FIRING a receiver saw is eventually closed.
 */
public final class AlertTransitions {

    /** One notice to send: {@code since} is when the condition started firing. */
    public record Transition(AlertKind kind, AlertState state, long since) {
    }

    private AlertTransitions() {
    }

    /**
     * The notices that take {@code firing} (kind to firing-since) to {@code now}, resolved ones first, each group in
     * AlertKind order.
     */
    public static List<Transition> between(Map<AlertKind, Long> firing, Set<AlertKind> now, long asOf) {
        List<Transition> out = new ArrayList<>(2);
        for (AlertKind kind : AlertKind.values()) {
            Long since = firing.get(kind);
            if (since != null && !now.contains(kind)) {
                out.add(new Transition(kind, AlertState.RESOLVED, since));
            }
        }
        for (AlertKind kind : AlertKind.values()) {
            if (now.contains(kind) && !firing.containsKey(kind)) {
                out.add(new Transition(kind, AlertState.FIRING, asOf));
            }
        }
        return out;
    }

    public static Severity severity(AlertKind kind) {
        return switch (kind) {
            case BEHIND, BREACHED, OVERDUE -> Severity.CRITICAL;
            case AT_RISK, FORECAST_MISS, STALE_REPORT, NO_REPORT_YET -> Severity.WARNING;
        };
    }

    /** The dedup key of a condition: {@code targetId/KIND}. */
    public static String dedupKey(String targetId, AlertKind kind) {
        return targetId + "/" + kind.name();
    }
}
