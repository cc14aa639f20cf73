package org.jingan.progress.streams.query;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.CaseStage;
import org.jingan.progress.avro.PacePoint;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.avro.SupervisionCaseState;
import org.jingan.progress.avro.Target;
import org.jingan.progress.streams.avro.HistoryPoint;
import org.jingan.progress.streams.avro.RollupPartial;
import org.jingan.progress.streams.rules.Rollups;
import org.jingan.progress.streams.topology.ProgressStores;

/**
 * The questions of the dashboards, answered from the topology's stores through {@link ClusterStores}: standings,
 * one target in full, its burn-up history, department and section roll-ups, firing alerts. Every answer says
 * how fresh it is.
 *
 * <p>Typed throughout: the stores' Avro records (from this instance or a peer, {@link PeerValues}) are filtered,
 * sorted and added up as records, and the answers are records too; they become JSON once, when the HTTP edge
 * writes them ({@link AvroJson#module()}).
 */
public final class ProgressQueries {

    /** An answer body (a record that writes itself as the JSON the API documents) and its freshness. */
    public record Answer(Object body, Freshness freshness) {
    }

    /** Filters of the target list; null or empty means no filter. {@code statuses} are TargetStatus names. */
    public record TargetFilter(String department, String section, Set<String> statuses) {
        public static final TargetFilter ALL = new TargetFilter(null, null, Set.of());

        boolean test(ProgressSnapshot standing) {
            return matches(department, standing.getDepartmentId()) && matches(section, standing.getSectionId())
                    && (statuses == null || statuses.isEmpty() || statuses.contains(standing.getStatus().name()));
        }
    }

    /** Filters of the alert list: department, severity (WARNING/CRITICAL), target. */
    public record AlertFilter(String department, String severity, String targetId) {
        public static final AlertFilter ALL = new AlertFilter(null, null, null);

        boolean test(Alert alert) {
            return isFiring(alert) && matches(department, alert.getDepartmentId())
                    && matches(severity, alert.getSeverity().name()) && matches(targetId, alert.getTargetId());
        }
    }

    // ---- the answers' bodies, in the order their fields are written

    public record TargetList(int count, List<ListedTarget> items, Freshness freshness) {
    }

    public record TargetDetail(ListedTarget standing, Target definition, List<Alert> firingAlerts, Freshness freshness) {
    }

    public record History(String targetId, String nameZh, String nameEn, String unit, org.jingan.progress.avro.TargetKind kind,
                          org.jingan.progress.avro.Comparator comparator,
                          Double targetValue, LocalDate deadline, List<HistoryPoint> points, List<PlanPoint> plan,
                          PlanSource planSource, ForecastNow forecast, Freshness freshness) {
    }

    /** A point of the pace plan: the ratio and value of the target expected by {@code date}. */
    public record PlanPoint(LocalDate date, double expectedRatio, double expectedValue) {
        static PlanPoint of(LocalDate date, double ratio, double targetValue) {
            return new PlanPoint(date, ratio, ratio * targetValue);
        }
    }

    public record PlanSource(String planSource, String planApprovedBy, LocalDate planApprovedOn) {
    }

    public record ForecastNow(Double forecastYearEnd, LocalDate forecastCompletionDate, Double velocityPerDay,
                              Double actual, Instant lastEventTime, Instant asOf) {
    }

    public record CaseList(LocalDate date, int count, Map<String, CaseCounts> byDepartment, List<ListedCase> items,
                           Freshness freshness) {
    }

    public record CaseCounts(int open, int overdue) {
    }

    public record TargetCases(String targetId, LocalDate date, int count, List<ListedCase> items, Freshness freshness) {
    }

    public record RollupList(String scope, int count, List<RollupView> items, Freshness freshness) {
    }

    public record RollupDetail(RollupView rollup, List<ListedTarget> targets, Freshness freshness) {
    }

    public record AlertList(int count, List<Alert> items, Freshness freshness) {
    }

    private final ClusterStores stores;
    private final QueryStores names;
    private final String self;
    private final Clock clock;

    /** The district clock's date (Asia/Shanghai): whether a case is overdue. */
    private volatile Supplier<LocalDate> districtDate = () -> LocalDate.now(ZoneId.of("Asia/Shanghai"));

    void districtDate(Supplier<LocalDate> date) {
        this.districtDate = date;
    }

    ProgressQueries(ClusterStores stores, QueryStores names, String self, Clock clock) {
        this.stores = stores;
        this.names = names;
        this.self = self;
        this.clock = clock;
    }

    /** Every target's standing that passes the filter, in report order (section, then id), with section/department names. */
    public Answer targets(TargetFilter filter, Staleness staleness) {
        Listed listed = listed(filter, staleness);
        Freshness freshness = Freshness.of(self, listed.copies());
        return new Answer(new TargetList(listed.items().size(), listed.items(), freshness), freshness);
    }

    private record Listed(List<ListedTarget> items, List<Freshness.Copy> copies) {
    }

    private Listed listed(TargetFilter filter, Staleness staleness) {
        ClusterStores.RangeAnswer standings = stores.all(require(names.standings(), "standings"), staleness);
        List<ProgressSnapshot> matching = values(standings, ProgressSnapshot.class).filter(filter::test)
                .sorted(REPORT_ORDER).toList();
        Labels labels = labels(staleness, l -> matching.stream().allMatch(l::labels));
        List<ListedTarget> items = matching.stream()
                .map(s -> new ListedTarget(s, labels.byTarget().get(s.getTargetId()))).toList();
        List<Freshness.Copy> copies = new ArrayList<>(standings.copies());
        copies.addAll(labels.copies());
        return new Listed(items, copies);
    }

    /** One target in full: its standing, its definition, its firing alerts (one round trip to their holder). */
    public Answer target(String targetId, Staleness staleness) {
        Full full = full(targetId, staleness);
        Freshness freshness = Freshness.of(self, full.copies());
        ListedTarget standing = full.standing() == null ? null : new ListedTarget(full.standing(), full.definition());
        return new Answer(new TargetDetail(standing, full.definition(), full.firingAlerts(), freshness), freshness);
    }

    private record Full(ProgressSnapshot standing, Target definition, List<Alert> firingAlerts,
                        List<Freshness.Copy> copies) {
    }

    private Full full(String targetId, Staleness staleness) {
        List<LocalStores.Lookup> lookups = new ArrayList<>(3);
        lookups.add(new LocalStores.Lookup(require(names.standings(), "standings"), targetId, false));
        if (names.targets() != null) {
            lookups.add(new LocalStores.Lookup(names.targets(), targetId, false));
        }
        if (names.alerts() != null) {
            lookups.add(new LocalStores.Lookup(names.alerts(), targetId + "/", true));
        }
        List<ClusterStores.RangeAnswer> reads = stores.together(targetId, lookups, staleness);
        List<Freshness.Copy> copies = new ArrayList<>(lookups.size());
        reads.forEach(read -> copies.addAll(read.copies()));
        ProgressSnapshot standing = first(reads.get(0), ProgressSnapshot.class).orElse(null);
        Target definition = names.targets() == null ? null : first(reads.get(1), Target.class).orElse(null);
        if (standing == null && definition == null) {
            throw new NotFoundException("No target '" + targetId + "': it is not in the catalog the streams app has"
                    + " seen. List the targets at /api/v1/targets.");
        }
        List<Alert> alerts = names.alerts() == null ? List.of()
                : values(reads.get(reads.size() - 1), Alert.class).filter(ProgressQueries::isFiring).toList();
        return new Full(standing, definition, alerts, copies);
    }

    /**
     * A target's burn-up: the recorded points (actual, plan value, forecast per bucket), the pace plan over the
     * year, the target line and the current forecast.
     */
    public Answer history(String targetId, Staleness staleness) {
        ClusterStores.RangeAnswer read = stores.prefix(require(names.history(), "history"), targetId, targetId + "|", staleness);
        Full full = full(targetId, staleness);
        ProgressSnapshot s = full.standing();
        Target d = full.definition();
        List<HistoryPoint> points = values(read, HistoryPoint.class)
                .sorted(Comparator.comparing(HistoryPoint::getBucket)).toList();
        Double targetValue = s != null ? s.getTargetValue() : d.getTargetValue();
        List<PlanPoint> plan = planInForce(plan(d, targetValue), d, points, targetValue == null ? 0 : targetValue);
        PlanSource source = s == null ? new PlanSource(null, null, null)
                : new PlanSource(s.getPlanSource(), s.getPlanApprovedBy(), s.getPlanApprovedOn());
        ForecastNow forecast = s == null ? new ForecastNow(null, null, null, null, null, null)
                : new ForecastNow(finite(s.getForecastYearEnd()), s.getForecastCompletionDate(),
                        finite(s.getVelocityPerDay()), finite(s.getActual()), s.getLastEventTime(), s.getAsOf());
        List<Freshness.Copy> copies = new ArrayList<>(read.copies());
        copies.addAll(full.copies());
        Freshness freshness = Freshness.of(self, copies);
        History history = s != null
                ? new History(targetId, s.getNameZh(), s.getNameEn(), s.getUnit(), s.getKind(), s.getComparator(),
                        finite(targetValue), d == null ? null : d.getDeadline(), points, plan, source, forecast, freshness)
                : new History(targetId, d.getNameZh(), d.getNameEn(), d.getUnit(), d.getKind(), d.getComparator(),
                        finite(targetValue), d.getDeadline(), points, plan, source, forecast, freshness);
        return new Answer(history, freshness);
    }

    /**
     * Supervision cases: the current case of every target (open ones unless {@code all}), optionally one department's,
     * each with {@code overdue} by the district clock's date; counts per department (open, overdue).
     */
    public Answer cases(String department, boolean all, Staleness staleness) {
        ClusterStores.RangeAnswer read = stores.all(require(names.cases(), "cases"), staleness);
        LocalDate today = districtDate.get();
        List<ListedCase> items = read.entries().stream()
                .filter(e -> e.key().indexOf(ProgressStores.HISTORY_SEPARATOR) < 0)
                .map(e -> (SupervisionCaseState) e.value())
                .filter(c -> department == null || department.equals(c.getDepartmentId()))
                .filter(c -> all || c.getStage() != CaseStage.CLOSED)
                .sorted(Comparator.comparing(SupervisionCaseState::getOpenedAt).reversed())
                .map(c -> ListedCase.on(c, today)).toList();
        Map<String, CaseCounts> byDepartment = new LinkedHashMap<>();
        for (ListedCase item : items) {
            if (item.supervisionCase().getStage() != CaseStage.CLOSED) {
                byDepartment.merge(item.supervisionCase().getDepartmentId(), new CaseCounts(1, item.overdue() ? 1 : 0),
                        (a, b) -> new CaseCounts(a.open() + b.open(), a.overdue() + b.overdue()));
            }
        }
        Freshness freshness = Freshness.of(self, read.copies());
        return new Answer(new CaseList(today, items.size(), byDepartment, items, freshness), freshness);
    }

    /** One target's supervision cases, latest first, each with its timeline. */
    public Answer targetCases(String targetId, Staleness staleness) {
        String store = require(names.cases(), "cases");
        List<ClusterStores.RangeAnswer> reads = stores.together(targetId, List.of(
                new LocalStores.Lookup(store, targetId, false),
                new LocalStores.Lookup(store, targetId + ProgressStores.HISTORY_SEPARATOR, true)), staleness);
        LocalDate today = districtDate.get();
        List<ListedCase> items = reads.stream().flatMap(r -> values(r, SupervisionCaseState.class))
                .sorted(Comparator.comparing(SupervisionCaseState::getCaseNumber).reversed())
                .map(c -> ListedCase.on(c, today)).toList();
        List<Freshness.Copy> copies = new ArrayList<>();
        reads.forEach(r -> copies.addAll(r.copies()));
        Freshness freshness = Freshness.of(self, copies);
        return new Answer(new TargetCases(targetId, today, items.size(), items, freshness), freshness);
    }

    /** Roll-ups of every department ({@code scope} "department") or section ("section"). */
    public Answer rollups(String scope, Staleness staleness) {
        RollupsRead rollups = rollupsOf(scope, staleness);
        List<RollupView> items = List.copyOf(rollups.byId().values());
        Freshness freshness = Freshness.of(self, rollups.copies());
        return new Answer(new RollupList(scope, items.size(), items, freshness), freshness);
    }

    /** One department's or section's roll-up with its targets. */
    public Answer rollup(String scope, String id, Staleness staleness) {
        RollupsRead rollups = rollupsOf(scope, staleness);
        RollupView rollup = rollups.byId().get(id);
        Listed targets = listed(scope.equals("department") ? new TargetFilter(id, null, Set.of())
                : new TargetFilter(null, id, Set.of()), staleness);
        if (rollup == null && targets.items().isEmpty()) {
            throw new NotFoundException("No " + scope + " '" + id + "' has targets. List them at /api/v1/" + scope + "s.");
        }
        List<Freshness.Copy> copies = new ArrayList<>(rollups.copies());
        copies.addAll(targets.copies());
        Freshness freshness = Freshness.of(self, copies);
        return new Answer(new RollupDetail(rollup, targets.items(), freshness), freshness);
    }

    /** The alerts firing now, most severe and most recent first. */
    public Answer alerts(AlertFilter filter, Staleness staleness) {
        ClusterStores.RangeAnswer notices = stores.all(require(names.alerts(), "alerts"), staleness);
        List<Alert> items = values(notices, Alert.class).filter(filter::test)
                .sorted(Comparator.comparing((Alert a) -> a.getSeverity() != Severity.CRITICAL)
                        .thenComparing(Alert::getRaisedAt, Comparator.reverseOrder())
                        .thenComparing(Alert::getDedupKey))
                .toList();
        Freshness freshness = Freshness.of(self, notices.copies());
        return new Answer(new AlertList(items.size(), items, freshness), freshness);
    }

    // ---- roll-ups: the topology keeps one partial per scope id and partition; the whole is their sum

    private record RollupsRead(Map<String, RollupView> byId, List<Freshness.Copy> copies) {
    }

    private RollupsRead rollupsOf(String scope, Staleness staleness) {
        if (!scope.equals(Rollups.DEPARTMENT) && !scope.equals(Rollups.SECTION)) {
            throw new BadRequestException("Roll-up scope must be 'department' or 'section', got '" + scope + "'");
        }
        ClusterStores.RangeAnswer partials = stores.all(require(names.rollups(), "rollups"), staleness);
        Map<String, List<RollupPartial>> byScopeId = new TreeMap<>();
        values(partials, RollupPartial.class).filter(p -> scope.equals(p.getScope()))
                .forEach(p -> byScopeId.computeIfAbsent(p.getScopeId(), k -> new ArrayList<>()).add(p));
        Labels labels = labels(staleness, l -> byScopeId.keySet().stream()
                .allMatch(id -> l.names().containsKey(scope + "/" + id + "/Zh")));
        Map<String, RollupView> byId = new TreeMap<>();
        byScopeId.forEach((id, list) -> byId.put(id, RollupView.of(Rollups.merge(scope, id, list),
                labels.name(scope, id, "Zh"), labels.name(scope, id, "En"))));
        List<Freshness.Copy> copies = new ArrayList<>(partials.copies());
        copies.addAll(labels.copies());
        return new RollupsRead(byId, copies);
    }

    // ---- labels: section and department names come with the target definitions

    /** How long the labels read from the definitions store serve other requests (they change with the catalog). */
    static final long LABELS_REUSE_MS = 5_000;

    /** Every definition by target id, and the names of sections and departments ({@code scope/id/Zh}). */
    private record Labels(Map<String, Target> byTarget, Map<String, String> names, List<Freshness.Copy> copies,
                          List<String> holders, long readAtMs) {
        static final Labels NONE = new Labels(Map.of(), Map.of(), List.of(), List.of(), 0);

        static Labels of(List<LocalStores.Entry> definitions, List<Freshness.Copy> copies, List<String> holders,
                         long readAtMs) {
            Map<String, Target> byTarget = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            for (LocalStores.Entry e : definitions) {
                Target d = (Target) e.value();
                byTarget.put(e.key(), d);
                names.putIfAbsent(Rollups.SECTION + "/" + d.getSectionId() + "/Zh", d.getSectionZh());
                names.putIfAbsent(Rollups.SECTION + "/" + d.getSectionId() + "/En", d.getSectionEn());
                names.putIfAbsent(Rollups.DEPARTMENT + "/" + d.getDepartmentId() + "/Zh", d.getDepartmentZh());
                names.putIfAbsent(Rollups.DEPARTMENT + "/" + d.getDepartmentId() + "/En", d.getDepartmentEn());
            }
            return new Labels(byTarget, names, copies, holders, readAtMs);
        }

        String name(String scope, String id, String lang) {
            return names.get(scope + "/" + id + "/" + lang);
        }

        /** Whether these labels are those of the definition revision the standing was computed with. */
        boolean labels(ProgressSnapshot standing) {
            Target d = byTarget.get(standing.getTargetId());
            return d != null && d.getRevision() == standing.getTargetRevision();
        }

        /**
         * The copies as they stand now: a read reused {@code age} ms later is that much further from its last
         * caught-up moment, so its time lag says so (an unknown lag stays unknown).
         */
        List<Freshness.Copy> agedCopies(long nowMs) {
            long age = Math.max(0, nowMs - readAtMs);
            return copies.stream().map(c -> new Freshness.Copy(c.store(), c.partition(), c.servedBy(), c.role(),
                    c.offsetLag(), c.timeLagMs() == null ? null : c.timeLagMs() + age)).toList();
        }
    }

    /** The labels last read, while younger than {@link #LABELS_REUSE_MS}. */
    private volatile Labels lastLabels;

    /**
     * The labels of all definitions with the copies they came from. Read from the whole definitions store, which is
     * as large as the board, so a read is reused for a few seconds by later answers: as long as the same instances
     * hold the store and the client accepts the reused copies' time lag (which grows with their age); a client
     * asking for no time lag ({@code maxLagMs=0}, {@code fresh=true}) gets a new read, and so does an answer the
     * reused labels do not cover ({@code covers}: e.g. a target added or revised since they were read).
     */
    private Labels labels(Staleness staleness, Predicate<Labels> covers) {
        if (names.targets() == null) {
            return Labels.NONE;
        }
        long now = clock.millis();
        Labels last = lastLabels;
        if (last != null && now - last.readAtMs() < LABELS_REUSE_MS
                && last.agedCopies(now).stream().allMatch(staleness::accepts)
                && last.holders().equals(stores.holders(names.targets())) && covers.test(last)) {
            return new Labels(last.byTarget(), last.names(), last.agedCopies(now), last.holders(), now);
        }
        List<String> holders = stores.holders(names.targets());
        ClusterStores.RangeAnswer definitions = stores.all(names.targets(), staleness);
        Labels fresh = Labels.of(definitions.entries(), definitions.copies(), holders, clock.millis());
        lastLabels = fresh;
        return fresh;
    }

    // ---- the pace plan

    /** The pace plan as values: 0 at the start of the year, the plan's checkpoints, all of the target at the end. */
    private static List<PlanPoint> plan(Target definition, Double targetValue) {
        if (definition == null || targetValue == null || definition.getDeadline() == null) {
            return List.of();
        }
        double value = targetValue;
        LocalDate deadline = definition.getDeadline();
        List<PlanPoint> plan = new ArrayList<>();
        plan.add(PlanPoint.of(LocalDate.of(definition.getYear(), 1, 1), 0, value));
        List<PacePoint> checkpoints = definition.getPacePlan();
        checkpoints.forEach(p -> plan.add(PlanPoint.of(p.getDate(), p.getExpectedRatio(), value)));
        PacePoint last = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        if (last == null || !last.getDate().equals(deadline)) {
            plan.add(PlanPoint.of(deadline, last == null ? 1.0 : Math.max(1.0, last.getExpectedRatio()), value));
        }
        return plan;
    }

    /**
     * The plan as it was in force over time: before a department's plan was approved, the plan each day was judged
     * by (its history points); from the approval date, the approved plan.
     */
    private static List<PlanPoint> planInForce(List<PlanPoint> current, Target definition, List<HistoryPoint> series,
                                               double targetValue) {
        LocalDate from = definition == null ? null : definition.getPlanApprovedOn();
        if (from == null || current.isEmpty()) {
            return current;
        }
        List<PlanPoint> plan = new ArrayList<>();
        plan.add(current.get(0));
        String approvedOn = from.toString();
        for (HistoryPoint point : series) {
            String bucket = point.getBucket();
            Double expectedValue = point.getExpectedValue();
            if (bucket.length() == 10 && bucket.compareTo(approvedOn) < 0 && expectedValue != null
                    && Double.isFinite(expectedValue)) {
                plan.add(new PlanPoint(LocalDate.parse(bucket), point.getExpectedRatio(), expectedValue));
            }
        }
        for (int i = 1; i < current.size(); i++) {
            LocalDate d0 = current.get(i - 1).date();
            LocalDate d1 = current.get(i).date();
            if (!d1.isBefore(from) && d0.isBefore(from)) {
                // the approved plan's value on the approval day, where the line turns to it
                double f = (double) ChronoUnit.DAYS.between(d0, from) / Math.max(1, ChronoUnit.DAYS.between(d0, d1));
                double r0 = current.get(i - 1).expectedRatio();
                double r1 = current.get(i).expectedRatio();
                plan.add(PlanPoint.of(from, r0 + (r1 - r0) * f, targetValue));
            }
            if (d1.isAfter(from)) {
                plan.add(current.get(i));
            }
        }
        return plan;
    }

    // ---- helpers

    private static final Comparator<ProgressSnapshot> REPORT_ORDER = Comparator
            .comparing(ProgressSnapshot::getSectionId)
            .thenComparing(ProgressSnapshot::getDepartmentId)
            .thenComparing(ProgressSnapshot::getTargetId);

    /** The values of a read, as the records the store holds. */
    private static <T> Stream<T> values(ClusterStores.RangeAnswer read, Class<T> type) {
        return read.entries().stream().map(e -> type.cast(e.value()));
    }

    private static <T> Optional<T> first(ClusterStores.RangeAnswer read, Class<T> type) {
        return values(read, type).findFirst();
    }

    static boolean isFiring(Alert alert) {
        return alert.getState() == AlertState.FIRING;
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.isBlank() || wanted.equalsIgnoreCase(actual);
    }

    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }

    private static String require(String store, String what) {
        if (store == null) {
            throw new NotFoundException("This streams app keeps no " + what + " store, so it cannot answer this question.");
        }
        return store;
    }

    static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
