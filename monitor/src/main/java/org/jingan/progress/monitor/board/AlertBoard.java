package org.jingan.progress.monitor.board;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertState;

/**
 * The operators' view of what is firing now: the latest FIRING notice per dedup key, cleared by its RESOLVED
 * notice, plus a short list of recent resolutions. Fed in partition order by the alert consumer; read by the
 * console. Thread-safe.
 *
 * <p>The last notice of a key read decides, whatever its episode: the alerts topic is compacted by dedup key, so
 * after a restart the last notice is all there is of a condition, and a board that weighed earlier notices (e.g.
 * kept a later episode over an earlier one written after it, as a re-run of the year writes them) would show
 * something else live than after the restart, and something else than the streams app's query API.
 *
 * <p>A RESOLVED notice is listed among the recent resolutions even when its FIRING notice was never read:
 * compaction removes the FIRING notice of every resolved condition, so after a restart that is the rule. The list
 * is ordered by the time of the resolution ({@code raisedAt}, district time), not by read order, which is
 * arbitrary across partitions when the history is read again.
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
        /** A RESOLVED notice for a condition not on the board (its FIRING notice compacted away, or a repeat). */
        RESOLVED_UNKNOWN
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

    /** Latest resolution first; the alert id breaks ties, so a notice read twice is one entry. */
    private static final Comparator<Alert> LATEST_RESOLUTION_FIRST = Comparator
            .comparing(Alert::getRaisedAt).reversed()
            .thenComparing(Alert::getAlertId);

    private final int recentResolvedLimit;
    private final Map<String, FiringAlert> firing = new HashMap<>();
    private final TreeSet<Alert> recentlyResolved = new TreeSet<>(LATEST_RESOLUTION_FIRST);

    public AlertBoard(int recentResolvedLimit) {
        this.recentResolvedLimit = recentResolvedLimit;
    }

    /** Applies one notice read from {@code partition} at {@code readAt}. */
    public synchronized Change apply(Alert alert, int partition, Instant readAt) {
        String key = alert.getDedupKey();
        FiringAlert current = firing.get(key);
        if (alert.getState() == AlertState.FIRING) {
            boolean sameEpisode = current != null && current.alert().getFiringSince().equals(alert.getFiringSince());
            firing.put(key, new FiringAlert(alert, partition, sameEpisode ? current.firstSeenAt() : readAt));
            return sameEpisode ? Change.FIRING_UPDATED : Change.FIRING_STARTED;
        }
        recentlyResolved.add(alert);
        while (recentlyResolved.size() > recentResolvedLimit) {
            recentlyResolved.pollLast();
        }
        return firing.remove(key) == null ? Change.RESOLVED_UNKNOWN : Change.RESOLVED;
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

    /** The latest resolutions, newest ({@code raisedAt}) first. */
    public synchronized List<Alert> recentlyResolved() {
        return List.copyOf(recentlyResolved);
    }

    /** Forgets the alerts of partitions this instance no longer reads (another instance now owns them). */
    public synchronized void dropPartitions(Set<Integer> partitions) {
        firing.values().removeIf(f -> partitions.contains(f.partition()));
    }
}
