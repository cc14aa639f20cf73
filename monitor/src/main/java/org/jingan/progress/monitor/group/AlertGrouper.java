package org.jingan.progress.monitor.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.monitor.board.AlertGroupKey;
import org.jingan.progress.monitor.decision.DecisionStore;
import org.jingan.progress.monitor.decision.OperatorDecision;

/**
 * Turns the per-target notices of the alerts topic into grouped notifications, as Alertmanager does with
 * {@code group_by: [department, kind]}, {@code group_wait}, {@code group_interval} and {@code repeat_interval}
 * ({@link GroupTimings}).
 *
 * <p>A group has news when a member fires that its last notice did not list (or listed in another episode or
 * severity), or a member it listed stopped firing. News goes out {@code groupWait} after the group appeared, then at
 * most once per {@code groupInterval}, both on the district clock, so a replayed year notifies per district day
 * as a live one would. A notice lists the members that fire and are neither acknowledged (that episode) nor silenced
 * (the target, or the whole group); a group whose last listed member stopped firing gets one RESOLVED notice.
 *
 * <p>Notices handled before a restart are {@link #remember remembered}: the group counts as notified as it then stood.
 * Thread-safe.
 */
public final class AlertGrouper {
    private final GroupTimings timings;
    private final DecisionStore decisions;
    private final Map<AlertGroupKey, AlertGroup> groups = new HashMap<>();

    public AlertGrouper(GroupTimings timings, DecisionStore decisions) {
        this.timings = timings;
        this.decisions = decisions;
    }

    /** Takes a live notice into its group; the group notifies later, from {@link #due}. */
    public synchronized AlertGroupKey observe(Alert alert, Instant districtNow) {
        AlertGroupKey key = AlertGroupKey.of(alert);
        groups.computeIfAbsent(key, k -> new AlertGroup(k, districtNow)).apply(alert);
        return key;
    }

    /** Takes a notice handled before a restart into its group, as if the group had been notified then. */
    public synchronized void remember(Alert alert, Instant wallAt) {
        AlertGroupKey key = AlertGroupKey.of(alert);
        AlertGroup group = groups.computeIfAbsent(key, k -> new AlertGroup(k, alert.getRaisedAt()));
        group.apply(alert);
        group.markNotified(notifiable(group, wallAt), alert.getRaisedAt(), wallAt);
        forgetIfSpent(group);
    }

    /** Whether {@code key} has news not sent yet (its notices read so far are not handled until it is sent). */
    public synchronized boolean hasNews(AlertGroupKey key, Instant wallNow) {
        AlertGroup group = groups.get(key);
        return group != null && group.hasNews(notifiable(group, wallNow));
    }

    /** The notices due now, each taken as sent: the caller delivers them. */
    public synchronized List<GroupNotice> due(Instant districtNow, Instant wallNow) {
        List<GroupNotice> notices = new ArrayList<>();
        for (AlertGroup group : List.copyOf(groups.values())) {
            List<Alert> notifiable = notifiable(group, wallNow);
            boolean news = group.hasNews(notifiable);
            boolean reminder = !news && group.reminded && !notifiable.isEmpty()
                    && !wallNow.isBefore(group.notifiedAtWall.plus(timings.repeatInterval()));
            if ((news || reminder) && !districtNow.isBefore(dueAt(group))) {
                notices.add(GroupNotice.of(group.key,
                        group.firing.isEmpty() ? GroupNotice.Status.RESOLVED : GroupNotice.Status.FIRING, notifiable, group.resolvedSinceNotified(), districtNow));
                group.markNotified(notifiable, districtNow, wallNow);
            }
            forgetIfSpent(group);
        }
        return notices;
    }

    private Instant dueAt(AlertGroup group) {
        return group.notifiedAtDistrict == null
                ? group.createdAtDistrict.plus(timings.groupWait())
                : group.notifiedAtDistrict.plus(timings.groupInterval());
    }

    /** Firing members neither acknowledged (this episode) nor silenced (themselves or their group) at {@code wallNow}. */
    private List<Alert> notifiable(AlertGroup group, Instant wallNow) {
        if (decisions.get(group.key.decisionKey()).silencedAt(wallNow)) {
            return List.of();
        }
        return group.firing.values().stream().filter(a -> {
            OperatorDecision decision = decisions.get(a.getDedupKey());
            return !decision.silencedAt(wallNow) && !decision.acknowledges(a);
        }).toList();
    }

    private void forgetIfSpent(AlertGroup group) {
        if (group.isSpent()) {
            groups.remove(group.key);
        }
    }
}
