package org.jingan.progress.monitor.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.monitor.board.AlertGroupKey;
import org.jingan.progress.monitor.board.AlertBoard;
import org.jingan.progress.monitor.decision.DecisionStore;

/**
 * Builds what the console shows from the board and the operators' decisions.
 *
 * <p>Two clocks: how long an alert about the district's progress has been firing counts against the district clock
 * (in a replay of 2020, an alert of 1 March is 29 days old on 30 March, not years), while silences are operator
 * actions in real time and end on the wall clock, whatever the district clock says.
 */
public final class ConsoleView {
    /**
     * The firing list with the filters applied.
     *
     * @param generatedAt when this list was made (wall clock)
     * @param clock       the district clock the ages in {@code alerts} were counted against
     */
    public record Snapshot(Instant generatedAt, ClockView clock, int count, List<AlertView> alerts,
                           List<GroupView> groups) {
    }

    /** Optional filters of the firing list; null means any. */
    public record Filter(String department, String kind, String severity) {
        public static final Filter NONE = new Filter(null, null, null);

        boolean accepts(AlertView v) {
            return (department == null || department.equals(v.departmentId()))
                    && (kind == null || kind.equalsIgnoreCase(v.kind()))
                    && (severity == null || severity.equalsIgnoreCase(v.severity()));
        }
    }

    /** A recent resolution as the console lists it. */
    public record ResolvedView(String dedupKey, String alertId, String targetId, String nameZh, String nameEn,
                               String departmentId, String departmentZh, String departmentEn, String kind,
                               String kindZh, Instant firingSince, Instant resolvedAt) {
    }

    private final AlertBoard board;
    private final DecisionStore decisions;
    private final DepartmentNames departments;
    private final Clock wallClock;
    private final DistrictClock districtClock;

    public ConsoleView(AlertBoard board, DecisionStore decisions, DepartmentNames departments, Clock wallClock,
                       DistrictClock districtClock) {
        this.board = board;
        this.decisions = decisions;
        this.departments = departments;
        this.wallClock = wallClock;
        this.districtClock = districtClock;
    }

    /** The district clock now. */
    public ClockView clock() {
        return ClockView.of(districtClock);
    }

    public DepartmentNames departments() {
        return departments;
    }

    public Snapshot firing(Filter filter) {
        Instant wallNow = wallClock.instant();
        ClockView clock = clock();
        List<AlertView> views = board.firing().stream()
                .map(f -> AlertView.of(f, decisions.get(f.dedupKey()), departments, wallNow, clock.now()))
                .filter(filter::accepts)
                .toList();
        return new Snapshot(wallNow, clock, views.size(), views, groups(views, wallNow));
    }

    /** The firing alerts grouped by department and kind, as the webhooks are notified: worst severity first. */
    private List<GroupView> groups(List<AlertView> views, Instant wallNow) {
        Map<AlertGroupKey, List<AlertView>> byGroup = new LinkedHashMap<>();
        for (AlertView v : views) { // already most urgent first, so each group's members are too
            byGroup.computeIfAbsent(new AlertGroupKey(v.departmentId(), AlertKind.valueOf(v.kind())),
                    k -> new ArrayList<>()).add(v);
        }
        return byGroup.entrySet().stream()
                .map(e -> GroupView.of(e.getKey(), e.getValue(), decisions.get(e.getKey().decisionKey()), departments,
                        wallNow))
                .sorted(GroupView.MOST_URGENT_FIRST)
                .toList();
    }

    /** One group as it fires now, if it does. */
    public Optional<GroupView> group(AlertGroupKey key) {
        return firing().groups().stream().filter(g -> g.groupKey().equals(key.toString())).findFirst();
    }

    /** The latest resolutions, newest first. */
    public List<ResolvedView> recentlyResolved() {
        return board.recentlyResolved().stream().map(a -> new ResolvedView(a.getDedupKey(), a.getAlertId(),
                a.getTargetId(), a.getNameZh(), a.getNameEn(), a.getDepartmentId(), departments.zh(a.getDepartmentId()),
                departments.en(a.getDepartmentId()), a.getKind().name(), Labels.kindZh(a.getKind()),
                a.getFiringSince(), a.getRaisedAt())).toList();
    }

    public Snapshot firing() {
        return firing(Filter.NONE);
    }

    public Optional<AlertView> firing(String dedupKey) {
        return board.firing(dedupKey).map(f -> AlertView.of(f, decisions.get(dedupKey), departments,
                wallClock.instant(), districtClock.now()));
    }
}
