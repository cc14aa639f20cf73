package org.jingan.progress.streams.query;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jingan.progress.streams.topology.ProgressStores;

/**
 * The questions of the dashboards, answered from the topology's stores through {@link ClusterStores}: standings,
 * one target in full, its burn-up history, department and section roll-ups, firing alerts. Every answer says
 * how fresh it is.
 */
public final class ProgressQueries {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** An answer body and the freshness of what it was built from. */
    public record Answer(ObjectNode body, Freshness freshness) {
    }

    /** Filters of the target list; null or empty means no filter. {@code statuses} are TargetStatus names. */
    public record TargetFilter(String department, String section, Set<String> statuses) {
        public static final TargetFilter ALL = new TargetFilter(null, null, Set.of());

        boolean test(JsonNode standing) {
            return matches(department, standing.path("departmentId")) && matches(section, standing.path("sectionId"))
                    && (statuses == null || statuses.isEmpty() || statuses.contains(standing.path("status").asText()));
        }
    }

    /** Filters of the alert list: department, severity (WARNING/CRITICAL), target. */
    public record AlertFilter(String department, String severity, String targetId) {
        public static final AlertFilter ALL = new AlertFilter(null, null, null);

        boolean test(JsonNode alert) {
            return isFiring(alert) && matches(department, alert.path("departmentId"))
                    && matches(severity, alert.path("severity")) && matches(targetId, alert.path("targetId"));
        }
    }

    private final ClusterStores stores;
    private final QueryStores names;
    private final String self;
    private final Clock clock;

    /** The district clock's date (Asia/Shanghai): whether a case is overdue. */
    private volatile java.util.function.Supplier<java.time.LocalDate> districtDate =
            () -> java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));

    void districtDate(java.util.function.Supplier<java.time.LocalDate> date) {
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
        ClusterStores.RangeAnswer standings = stores.all(require(names.standings(), "standings"), staleness);
        List<JsonNode> listed = standings.entries().stream().map(LocalStores.Entry::value)
                .filter(filter::test)
                .sorted(REPORT_ORDER)
                .toList();
        Labels labels = labels(staleness, l -> listed.stream().allMatch(l::labels));
        ArrayNode items = NODES.arrayNode();
        listed.forEach(standing -> items.add(labels.decorate(standing)));
        ObjectNode body = NODES.objectNode();
        body.put("count", items.size());
        body.set("items", items);
        return new Answer(body, freshness(standings.copies(), labels.copies));
    }

    /** One target in full: its standing, its definition, its firing alerts (one round trip to their holder). */
    public Answer target(String targetId, Staleness staleness) {
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
        Optional<JsonNode> standing = value(reads.get(0));
        Optional<JsonNode> definition = names.targets() == null ? Optional.empty() : value(reads.get(1));
        if (standing.isEmpty() && definition.isEmpty()) {
            throw new NotFoundException("No target '" + targetId + "': it is not in the catalog the streams app has"
                    + " seen. List the targets at /api/v1/targets.");
        }
        ObjectNode body = NODES.objectNode();
        body.set("standing", standing.<JsonNode>map(s -> decorate(s, definition.orElse(null))).orElse(NODES.nullNode()));
        body.set("definition", definition.orElse(NODES.nullNode()));
        ArrayNode alerts = NODES.arrayNode();
        if (names.alerts() != null) {
            reads.get(reads.size() - 1).entries().stream().map(LocalStores.Entry::value)
                    .filter(ProgressQueries::isFiring).forEach(alerts::add);
        }
        body.set("firingAlerts", alerts);
        return new Answer(body, Freshness.of(self, copies));
    }

    private static Optional<JsonNode> value(ClusterStores.RangeAnswer keyRead) {
        return keyRead.entries().stream().map(LocalStores.Entry::value).findFirst();
    }

    /**
     * A target's burn-up: the recorded points (actual, plan value, forecast per bucket), the pace plan over the
     * year, the target line and the current forecast.
     */
    public Answer history(String targetId, Staleness staleness) {
        ClusterStores.RangeAnswer points = stores.prefix(require(names.history(), "history"), targetId, targetId + "|", staleness);
        Answer full = target(targetId, staleness);
        JsonNode standing = full.body().path("standing");
        JsonNode definition = full.body().path("definition");
        ObjectNode body = NODES.objectNode();
        body.put("targetId", targetId);
        copyFields(standing.isNull() ? definition : standing, body, "nameZh", "nameEn", "unit", "kind", "comparator", "targetValue");
        body.set("deadline", definition.path("deadline").isMissingNode() ? NODES.nullNode() : definition.path("deadline"));
        ArrayNode series = NODES.arrayNode();
        points.entries().stream().map(LocalStores.Entry::value)
                .sorted(Comparator.comparing(p -> p.path("bucket").asText()))
                .forEach(series::add);
        body.set("points", series);
        JsonNode goal = standing.isObject() ? standing.path("targetValue") : definition.path("targetValue");
        body.set("plan", planInForce(plan(definition, standing), definition, series, goal.asDouble()));
        ObjectNode source = NODES.objectNode();
        copyFields(standing, source, "planSource", "planApprovedBy", "planApprovedOn");
        body.set("planSource", source);
        ObjectNode forecast = NODES.objectNode();
        copyFields(standing, forecast, "forecastYearEnd", "forecastCompletionDate", "velocityPerDay", "actual", "lastEventTime", "asOf");
        body.set("forecast", forecast);
        List<Freshness.Copy> copies = new ArrayList<>(points.copies());
        copies.addAll(full.freshness().copies());
        return new Answer(body, Freshness.of(self, copies));
    }

    /**
     * Supervision cases: the current case of every target (open ones unless {@code all}), optionally one department's,
     * each with {@code overdue} by the district clock's date; counts per department (open, overdue).
     */
    public Answer cases(String department, boolean all, Staleness staleness) {
        ClusterStores.RangeAnswer read = stores.all(require(names.cases(), "cases"), staleness);
        java.time.LocalDate today = districtDate.get();
        ArrayNode items = NODES.arrayNode();
        ObjectNode byDepartment = NODES.objectNode();
        read.entries().stream().filter(e -> e.key().indexOf(ProgressStores.HISTORY_SEPARATOR) < 0)
                .map(LocalStores.Entry::value)
                .filter(c -> department == null || department.equals(c.path("departmentId").asText()))
                .filter(c -> all || !"CLOSED".equals(c.path("stage").asText()))
                .sorted(Comparator.comparing((JsonNode c) -> c.path("openedAt").asText()).reversed())
                .forEach(c -> {
                    ObjectNode item = withOverdue(c, today);
                    items.add(item);
                    if (!"CLOSED".equals(c.path("stage").asText())) {
                        ObjectNode counts = byDepartment.has(c.path("departmentId").asText())
                                ? (ObjectNode) byDepartment.get(c.path("departmentId").asText())
                                : byDepartment.putObject(c.path("departmentId").asText()).put("open", 0).put("overdue", 0);
                        counts.put("open", counts.path("open").asInt() + 1);
                        if (item.path("overdue").asBoolean()) {
                            counts.put("overdue", counts.path("overdue").asInt() + 1);
                        }
                    }
                });
        ObjectNode body = NODES.objectNode();
        body.put("date", today.toString());
        body.put("count", items.size());
        body.set("byDepartment", byDepartment);
        body.set("items", items);
        return new Answer(body, Freshness.of(self, read.copies()));
    }

    /** One target's supervision cases, latest first, each with its timeline. */
    public Answer targetCases(String targetId, Staleness staleness) {
        String store = require(names.cases(), "cases");
        List<ClusterStores.RangeAnswer> reads = stores.together(targetId, List.of(
                new LocalStores.Lookup(store, targetId, false),
                new LocalStores.Lookup(store, targetId + ProgressStores.HISTORY_SEPARATOR, true)), staleness);
        java.time.LocalDate today = districtDate.get();
        ArrayNode items = NODES.arrayNode();
        List<JsonNode> found = new ArrayList<>();
        reads.forEach(r -> r.entries().forEach(e -> found.add(e.value())));
        found.stream().sorted(Comparator.comparing((JsonNode c) -> c.path("caseNumber").asInt()).reversed())
                .forEach(c -> items.add(withOverdue(c, today)));
        ObjectNode body = NODES.objectNode();
        body.put("targetId", targetId);
        body.put("date", today.toString());
        body.put("count", items.size());
        body.set("items", items);
        List<Freshness.Copy> copies = new ArrayList<>();
        reads.forEach(r -> copies.addAll(r.copies()));
        return new Answer(body, Freshness.of(self, copies));
    }

    private static ObjectNode withOverdue(JsonNode c, java.time.LocalDate today) {
        ObjectNode item = ((ObjectNode) c).deepCopy();
        String due = c.path("answerDueBy").asText("");
        boolean overdue = "OPEN".equals(c.path("stage").asText()) && !due.isEmpty() && !"null".equals(due)
                && today.isAfter(java.time.LocalDate.parse(due));
        item.put("overdue", overdue);
        return item;
    }

    /** Roll-ups of every department ({@code scope} "department") or section ("section"). */
    public Answer rollups(String scope, Staleness staleness) {
        Rollups rollups = rollupsOf(scope, staleness);
        ArrayNode items = NODES.arrayNode();
        rollups.byId.values().forEach(items::add);
        ObjectNode body = NODES.objectNode();
        body.put("scope", scope);
        body.put("count", items.size());
        body.set("items", items);
        return new Answer(body, freshness(rollups.copies, List.of()));
    }

    /** One department's or section's roll-up with its targets. */
    public Answer rollup(String scope, String id, Staleness staleness) {
        Rollups rollups = rollupsOf(scope, staleness);
        ObjectNode rollup = rollups.byId.get(id);
        Answer targets = targets(scope.equals("department") ? new TargetFilter(id, null, Set.of())
                : new TargetFilter(null, id, Set.of()), staleness);
        if (rollup == null && targets.body().path("count").asInt() == 0) {
            throw new NotFoundException("No " + scope + " '" + id + "' has targets. List them at /api/v1/" + scope + "s.");
        }
        ObjectNode body = NODES.objectNode();
        body.set("rollup", rollup == null ? NODES.nullNode() : rollup);
        body.set("targets", targets.body().path("items"));
        return new Answer(body, freshness(rollups.copies, targets.freshness().copies()));
    }

    /** The alerts firing now, most severe and most recent first. */
    public Answer alerts(AlertFilter filter, Staleness staleness) {
        ClusterStores.RangeAnswer notices = stores.all(require(names.alerts(), "alerts"), staleness);
        ArrayNode items = NODES.arrayNode();
        notices.entries().stream().map(LocalStores.Entry::value)
                .filter(filter::test)
                .sorted(Comparator.comparing((JsonNode a) -> !"CRITICAL".equals(a.path("severity").asText()))
                        .thenComparing(a -> a.path("raisedAt").asText(), Comparator.reverseOrder())
                        .thenComparing(a -> a.path("dedupKey").asText()))
                .forEach(items::add);
        ObjectNode body = NODES.objectNode();
        body.put("count", items.size());
        body.set("items", items);
        return new Answer(body, Freshness.of(self, notices.copies()));
    }

    // ---- roll-ups: the topology keeps one partial per scope id and partition; the whole is their sum

    private record Rollups(Map<String, ObjectNode> byId, List<Freshness.Copy> copies) {
    }

    private Rollups rollupsOf(String scope, Staleness staleness) {
        if (!scope.equals("department") && !scope.equals("section")) {
            throw new BadRequestException("Roll-up scope must be 'department' or 'section', got '" + scope + "'");
        }
        ClusterStores.RangeAnswer partials = stores.all(require(names.rollups(), "rollups"), staleness);
        Labels labels = labels(staleness, l -> partials.entries().stream().map(LocalStores.Entry::value)
                .filter(partial -> scope.equals(partial.path("scope").asText()))
                .allMatch(partial -> l.names().containsKey(scope + "/" + partial.path("scopeId").asText() + "/Zh")));
        // typed from the page on: the partials of each scope id are added up by Rollups, as the topology defines them
        Map<String, List<org.jingan.progress.streams.avro.RollupPartial>> byScopeId = new TreeMap<>();
        for (LocalStores.Entry entry : partials.entries()) {
            JsonNode partial = entry.value();
            if (scope.equals(partial.path("scope").asText())) {
                byScopeId.computeIfAbsent(partial.path("scopeId").asText(), k -> new ArrayList<>())
                        .add(RollupJson.partial(partial));
            }
        }
        String prefix = scope.equals("department") ? "department" : "section";
        Map<String, ObjectNode> byId = new TreeMap<>();
        byScopeId.forEach((id, list) -> byId.put(id, RollupJson.json(
                org.jingan.progress.streams.rules.Rollups.merge(scope, id, list),
                labels.name(prefix, id, "Zh"), labels.name(prefix, id, "En"))));
        List<Freshness.Copy> copies = new ArrayList<>(partials.copies());
        copies.addAll(labels.copies);
        return new Rollups(byId, copies);
    }

    // ---- labels: section and department names come with the target definitions

    private static final String[] LABEL_FIELDS = {"sectionZh", "sectionEn", "departmentZh", "departmentEn", "deadline", "year"};
    /** How long the labels read from the definitions store serve other requests (they change with the catalog). */
    static final long LABELS_REUSE_MS = 5_000;

    /**
     * A standing as the target list shows it (the live feed's too): labelled in place with its definition's
     * section/department names, deadline and year (none without a definition), and its expected value.
     */
    public static ObjectNode asListed(ObjectNode standing, JsonNode definition) {
        return decorate(standing, definition);
    }

    /** The standing as listed: with its section/department names, deadline and year, and its expected value. */
    private static ObjectNode decorate(JsonNode standing, JsonNode definition) {
        // the standing was read for this answer alone (a fresh tree), so it is labelled in place, not copied
        ObjectNode item = (ObjectNode) standing;
        if (definition != null) {
            copyFields(definition, item, LABEL_FIELDS);
        }
        JsonNode ratio = standing.path("expectedRatio");
        JsonNode target = standing.path("targetValue");
        item.set("expectedValue", ratio.isNumber() && target.isNumber()
                ? NODES.numberNode(ratio.asDouble() * target.asDouble()) : NODES.nullNode());
        return item;
    }

    /** The label fields of every definition, by target id, and the names of sections and departments. */
    private record Labels(Map<String, ObjectNode> byTarget, Map<String, JsonNode> names, List<Freshness.Copy> copies,
                          List<String> holders, long readAtMs) {
        static final Labels NONE = new Labels(Map.of(), Map.of(), List.of(), List.of(), 0);

        static Labels of(List<LocalStores.Entry> definitions, List<Freshness.Copy> copies, List<String> holders,
                         long readAtMs) {
            Map<String, ObjectNode> byTarget = new HashMap<>();
            Map<String, JsonNode> names = new HashMap<>();
            for (LocalStores.Entry e : definitions) {
                JsonNode d = e.value();
                ObjectNode labels = NODES.objectNode();
                copyFields(d, labels, LABEL_FIELDS);
                labels.set("revision", d.path("revision"));
                byTarget.put(e.key(), labels);
                for (String scope : List.of("section", "department")) {
                    String id = d.path(scope + "Id").asText();
                    names.putIfAbsent(scope + "/" + id + "/Zh", d.path(scope + "Zh"));
                    names.putIfAbsent(scope + "/" + id + "/En", d.path(scope + "En"));
                }
            }
            return new Labels(byTarget, names, copies, holders, readAtMs);
        }

        JsonNode name(String scope, String id, String lang) {
            return names.getOrDefault(scope + "/" + id + "/" + lang, NODES.nullNode());
        }

        /** Whether these labels are those of the definition revision the standing was computed with. */
        boolean labels(JsonNode standing) {
            ObjectNode labels = byTarget.get(standing.path("targetId").asText());
            return labels != null && labels.path("revision").equals(standing.path("targetRevision"));
        }

        ObjectNode decorate(JsonNode standing) {
            return ProgressQueries.decorate(standing, byTarget.get(standing.path("targetId").asText()));
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
    private Labels labels(Staleness staleness, java.util.function.Predicate<Labels> covers) {
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

    /** The pace plan as values: 0 at the start of the year, the plan's checkpoints, all of the target at the end. */
    private static ArrayNode plan(JsonNode definition, JsonNode standing) {
        ArrayNode plan = NODES.arrayNode();
        JsonNode targetValue = standing.isObject() ? standing.path("targetValue") : definition.path("targetValue");
        if (!definition.isObject() || !targetValue.isNumber() || !definition.path("deadline").isTextual()) {
            return plan;
        }
        double value = targetValue.asDouble();
        LocalDate deadline = LocalDate.parse(definition.path("deadline").asText());
        int year = definition.path("year").asInt(deadline.getYear());
        plan.add(planPoint(LocalDate.of(year, 1, 1).toString(), 0, value));
        JsonNode checkpoints = definition.path("pacePlan");
        checkpoints.forEach(p -> plan.add(planPoint(p.path("date").asText(), p.path("expectedRatio").asDouble(), value)));
        if (checkpoints.isEmpty() || !checkpoints.get(checkpoints.size() - 1).path("date").asText().equals(deadline.toString())) {
            plan.add(planPoint(deadline.toString(), checkpoints.isEmpty() ? 1.0
                    : Math.max(1.0, checkpoints.get(checkpoints.size() - 1).path("expectedRatio").asDouble()), value));
        }
        return plan;
    }

    /**
     * The plan as it was in force over time: before a department's plan was approved, the plan each day was judged
     * by (its history points); from the approval date, the approved plan.
     */
    private static ArrayNode planInForce(ArrayNode current, JsonNode definition, ArrayNode series, double targetValue) {
        String approvedOn = definition.path("planApprovedOn").asText("");
        if (approvedOn.length() != 10 || current.isEmpty()) {
            return current;
        }
        ArrayNode plan = NODES.arrayNode();
        plan.add(current.get(0));
        for (JsonNode point : series) {
            String bucket = point.path("bucket").asText();
            if (bucket.length() == 10 && bucket.compareTo(approvedOn) < 0 && point.path("expectedValue").isNumber()) {
                ObjectNode p = NODES.objectNode();
                p.put("date", bucket);
                p.put("expectedRatio", point.path("expectedRatio").asDouble());
                p.put("expectedValue", point.path("expectedValue").asDouble());
                plan.add(p);
            }
        }
        LocalDate from = LocalDate.parse(approvedOn);
        for (int i = 1; i < current.size(); i++) {
            LocalDate d0 = LocalDate.parse(current.get(i - 1).path("date").asText());
            LocalDate d1 = LocalDate.parse(current.get(i).path("date").asText());
            if (!d1.isBefore(from) && d0.isBefore(from)) {
                // the approved plan's value on the approval day, where the line turns to it
                double f = (double) java.time.temporal.ChronoUnit.DAYS.between(d0, from)
                        / Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(d0, d1));
                double r0 = current.get(i - 1).path("expectedRatio").asDouble();
                double r1 = current.get(i).path("expectedRatio").asDouble();
                plan.add(planPoint(from.toString(), r0 + (r1 - r0) * f, targetValue));
            }
            if (d1.isAfter(from)) {
                plan.add(current.get(i));
            }
        }
        return plan;
    }

    private static ObjectNode planPoint(String date, double ratio, double targetValue) {
        ObjectNode point = NODES.objectNode();
        point.put("date", date);
        point.put("expectedRatio", ratio);
        point.put("expectedValue", ratio * targetValue);
        return point;
    }

    // ---- helpers

    private static final Comparator<JsonNode> REPORT_ORDER = Comparator
            .comparing((JsonNode s) -> s.path("sectionId").asText())
            .thenComparing(s -> s.path("departmentId").asText())
            .thenComparing(s -> s.path("targetId").asText());

    static boolean isFiring(JsonNode alert) {
        return "FIRING".equals(alert.path("state").asText());
    }

    private static boolean matches(String wanted, JsonNode actual) {
        return wanted == null || wanted.isBlank() || wanted.equalsIgnoreCase(actual.asText());
    }

    private static void copyFields(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            to.set(field, from.path(field).isMissingNode() ? NODES.nullNode() : from.path(field));
        }
    }

    private Freshness freshness(List<Freshness.Copy> a, List<Freshness.Copy> b) {
        List<Freshness.Copy> all = new ArrayList<>(a);
        all.addAll(b);
        return Freshness.of(self, all);
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
