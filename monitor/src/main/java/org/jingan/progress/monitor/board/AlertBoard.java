package org.jingan.progress.monitor.board;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertState;

/**
 * The operators' view of what is firing now: the latest FIRING notice per dedup key, cleared by its RESOLVED
 * notice, plus a short list of recent resolutions. Fed in partition order by the alert consumer; read by the
 * console. Thread-safe.
 *
 * <p>A notice of an older episode than the one on the board (its {@code firingSince} is earlier) is stale and
 * ignored: it can only be a late or replayed record.
 */
public final class AlertBoard {
    /** What applying one notice did to the board. */
    public enum Change {
        /** A condition started firing (or fired again after it had resolved). */
        FIRING_STARTED,
        /** A further FIRING notice of the episode already on the board (e.g. a new severity or actual). */
        FIRING_UPDATED,
        /** A firing condition cleared. */
        RESOLVED,
        /** A RESOLVED notice for a condition not on the board (already resolved, or fired before our history). */
        RESOLVED_UNKNOWN,
        /** A notice of an older episode than the one on the board. */
        STALE
    }

    /** One firing alert as the board holds it: the latest notice and where it was read from. */
    public record FiringAlert(Alert alert, int partition, Instant firstSeenAt) {
        public String dedupKey() {
            return alert.getDedupKey();
        }
    }

    private static final Comparator<FiringAlert> MOST_URGENT_FIRST = Comparator
            .comparing((FiringAlert f) -> f.alert().getSeverity().ordinal()).reversed()
            .thenComparing(f -> f.alert().getFiringSince())
            .thenComparing(FiringAlert::dedupKey);

    private final int recentResolvedLimit;
    private final Map<String, FiringAlert> firing = new HashMap<>();
    private final Deque<Alert> recentlyResolved = new ArrayDeque<>();

    public AlertBoard(int recentResolvedLimit) {
        this.recentResolvedLimit = recentResolvedLimit;
    }

    /** Applies one notice read from {@code partition} at {@code readAt}. */
    public synchronized Change apply(Alert alert, int partition, Instant readAt) {
        String key = alert.getDedupKey();
        FiringAlert current = firing.get(key);
        if (current != null && alert.getFiringSince().isBefore(current.alert().getFiringSince())) {
            return Change.STALE;
        }
        if (alert.getState() == AlertState.FIRING) {
            boolean sameEpisode = current != null && current.alert().getFiringSince().equals(alert.getFiringSince());
            firing.put(key, new FiringAlert(alert, partition, sameEpisode ? current.firstSeenAt() : readAt));
            return sameEpisode ? Change.FIRING_UPDATED : Change.FIRING_STARTED;
        }
        if (current == null) {
            return Change.RESOLVED_UNKNOWN;
        }
        firing.remove(key);
        recentlyResolved.addFirst(alert);
        while (recentlyResolved.size() > recentResolvedLimit) {
            recentlyResolved.removeLast();
        }
        return Change.RESOLVED;
    }

    /** Firing alerts, most urgent first (CRITICAL before WARNING, then the longest firing). */
    public synchronized List<FiringAlert> firing() {
        List<FiringAlert> all = new ArrayList<>(firing.values());
        all.sort(MOST_URGENT_FIRST);
        return all;
    }

    public synchronized Optional<FiringAlert> firing(String dedupKey) {
        return Optional.ofNullable(firing.get(dedupKey));
    }

    /** The latest resolutions, newest first. */
    public synchronized List<Alert> recentlyResolved() {
        return List.copyOf(recentlyResolved);
    }

    /** Forgets the alerts of partitions this instance no longer reads (another instance now owns them). */
    public synchronized void dropPartitions(Set<Integer> partitions) {
        firing.values().removeIf(f -> partitions.contains(f.partition()));
    }
}
