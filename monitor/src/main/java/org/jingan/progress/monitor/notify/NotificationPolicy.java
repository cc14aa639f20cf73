package org.jingan.progress.monitor.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.monitor.decision.OperatorDecision;

/**
 * Decides whether a notice read from the alerts topic is forwarded to the webhooks, and remembers what was.
 *
 * <p>Rules (in this order):
 * <ul>
 *   <li>A notice of an older episode than the last one notified for its key is stale: not forwarded.</li>
 *   <li>FIRING: not forwarded while the key is silenced, nor when the operators acknowledged this episode; a
 *       repeated notice of an episode already forwarded goes out again only after {@code repeatInterval}
 *       (as Alertmanager's repeat_interval); otherwise forwarded.</li>
 *   <li>RESOLVED: forwarded when the receivers were told about the episode it ends (so they can close it),
 *       whatever the acknowledgement or silence; a resolution of an episode never forwarded is not sent.</li>
 * </ul>
 * Notices replayed on start-up (read and handled before the committed offset) are {@link #remember remembered}
 * as notified without being sent. Thread-safe.
 */
public final class NotificationPolicy {
    /** The decision about one notice. */
    public enum Verdict {
        FORWARD(null),
        SUPPRESSED_SILENCED("silenced"),
        SUPPRESSED_ACKNOWLEDGED("acknowledged"),
        SUPPRESSED_REPEAT("repeat"),
        SUPPRESSED_NOT_NOTIFIED("resolve_of_unnotified"),
        SUPPRESSED_STALE("stale");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        /** A short metric tag saying why the notice was not forwarded; null for FORWARD. */
        public String reason() {
            return reason;
        }
    }

    private record Notified(String alertId, Instant firingSince, Instant at) {
    }

    private final Duration repeatInterval;
    private final Map<String, Notified> notifiedByKey = new HashMap<>();

    public NotificationPolicy(Duration repeatInterval) {
        if (repeatInterval.isNegative()) {
            throw new IllegalArgumentException("repeat interval must not be negative, was " + repeatInterval);
        }
        this.repeatInterval = repeatInterval;
    }

    /** Decides about a live notice at {@code now}; a FORWARD verdict is remembered as notified. */
    public synchronized Verdict decide(Alert alert, OperatorDecision decision, Instant now) {
        String key = alert.getDedupKey();
        Notified last = notifiedByKey.get(key);
        if (last != null && alert.getFiringSince().isBefore(last.firingSince())) {
            return Verdict.SUPPRESSED_STALE;
        }
        if (alert.getState() == AlertState.RESOLVED) {
            if (last == null) {
                return Verdict.SUPPRESSED_NOT_NOTIFIED;
            }
            notifiedByKey.remove(key);
            return Verdict.FORWARD;
        }
        if (decision.silencedAt(now)) {
            return Verdict.SUPPRESSED_SILENCED;
        }
        if (decision.acknowledges(alert)) {
            return Verdict.SUPPRESSED_ACKNOWLEDGED;
        }
        if (last != null && last.alertId().equals(alert.getAlertId()) && now.isBefore(last.at().plus(repeatInterval))) {
            return Verdict.SUPPRESSED_REPEAT;
        }
        notifiedByKey.put(key, new Notified(alert.getAlertId(), alert.getFiringSince(), now));
        return Verdict.FORWARD;
    }

    /** Takes note of a notice handled before a restart, as if it had been forwarded at {@code handledAt}. */
    public synchronized void remember(Alert alert, Instant handledAt) {
        String key = alert.getDedupKey();
        Notified last = notifiedByKey.get(key);
        if (last != null && alert.getFiringSince().isBefore(last.firingSince())) {
            return;
        }
        if (alert.getState() == AlertState.RESOLVED) {
            notifiedByKey.remove(key);
        } else if (last == null || !last.alertId().equals(alert.getAlertId())) {
            notifiedByKey.put(key, new Notified(alert.getAlertId(), alert.getFiringSince(), handledAt));
        }
    }
}
