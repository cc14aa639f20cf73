package org.jingan.progress.catalog;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JacksonException;
import org.jingan.progress.avro.Comparator;
import org.jingan.progress.avro.PacePoint;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.catalog.LocatedYaml.Entry;
import org.jingan.progress.catalog.LocatedYaml.ListNode;
import org.jingan.progress.catalog.LocatedYaml.MapNode;
import org.jingan.progress.catalog.LocatedYaml.Node;
import org.jingan.progress.catalog.LocatedYaml.Scalar;

/**
 * Reads a catalog file and checks every row, collecting all problems before refusing the file, so one run of the
 * loader tells the editor everything to fix.
 */
final class CatalogReader {
    static final List<String> TOP_LEVEL_FIELDS = List.of("year", "sections", "departments", "pacePlans", "targets");
    static final List<String> NAMED_FIELDS = List.of("id", "zh", "en");
    static final List<String> TARGET_FIELDS = List.of("id", "nameZh", "nameEn", "section", "department", "kind",
            "unit", "targetValue", "comparator", "deadline", "pacePlan", "baseline2019", "parentTargetId",
            "sourcePhrase");
    static final List<String> PACE_POINT_FIELDS = List.of("date", "expectedRatio");

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final String ID_FIX = "use lower-case letters, digits and single hyphens, e.g. s0-retail-sales";

    private final String file;
    private final List<CatalogError> errors = new ArrayList<>();

    private CatalogReader(String file) {
        this.file = file;
    }

    /** Reads and validates; throws {@link CatalogException} listing every problem if any row is bad. */
    static Catalog read(Reader yaml, String file) {
        return new CatalogReader(file).parse(yaml);
    }

    private Catalog parse(Reader yaml) {
        Node root;
        try {
            root = LocatedYaml.read(yaml);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            error(line, "document", "(syntax)", "not valid YAML: " + firstLine(e.getOriginalMessage()),
                    "check indentation and quoting near this line; quote text that starts with % @ ` or contains ': '");
            throw new CatalogException(file, errors);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the catalog " + file, e);
        }
        if (!(root instanceof MapNode doc)) {
            error(root.line(), "document", "(root)", "expected a mapping, found " + describe(root),
                    "start the file with the keys " + String.join(", ", TOP_LEVEL_FIELDS));
            throw new CatalogException(file, errors);
        }
        checkKeys(doc, "document", TOP_LEVEL_FIELDS);
        Integer year = readYear(doc);
        Map<String, Section> sections = readNamed(doc, "sections", "section", Section::new);
        Map<String, Department> departments = readNamed(doc, "departments", "department", Department::new);
        Map<String, List<PacePoint>> pacePlans = readPacePlans(doc, year);
        List<TargetRow> rows = readTargets(doc, year, sections, departments, pacePlans);
        checkParents(rows);
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(CatalogError::line)); // stable: same-line order kept
            throw new CatalogException(file, errors);
        }
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<Target> targets = new ArrayList<>();
        for (TargetRow row : rows) {
            targets.add(row.target());
            lines.put(row.target().getId(), row.line());
        }
        return new Catalog(file, year, List.copyOf(sections.values()), List.copyOf(departments.values()), targets,
                lines);
    }

    // ------------------------------------------------------------------ document level

    private Integer readYear(MapNode doc) {
        Entry entry = doc.get("year");
        if (entry == null || isNull(entry.value())) {
            error(doc.line(), "document", "year", "is missing", "add 'year: 2020' (the reporting year) at the top");
            return null;
        }
        if (!(entry.value() instanceof Scalar s) || !s.value().canConvertToInt() || !s.value().isIntegralNumber()
                || s.value().intValue() < 2000 || s.value().intValue() > 2100) {
            error(entry.line(), "document", "year", "expected a year such as 2020, found " + describe(entry.value()),
                    "write the reporting year as a number, e.g. 'year: 2020'");
            return null;
        }
        return s.value().intValue();
    }

    /** Reads the list of sections or departments: each row has id, zh and en. */
    private <T> Map<String, T> readNamed(MapNode doc, String key, String rowName,
                                         NamedFactory<T> factory) {
        Map<String, T> byId = new LinkedHashMap<>();
        ListNode list = list(doc, "document", key, true, "add a list '" + key + ":' of rows with id, zh and en");
        if (list == null) {
            return byId;
        }
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            String where = rowName + " #" + (i + 1);
            if (!(item instanceof MapNode row)) {
                error(item.line(), where, "(row)", "expected a row with id, zh and en, found " + describe(item),
                        "write the row as '- id: ...' with 'zh:' and 'en:' below it");
                continue;
            }
            String id = text(row, where, "id", true, ID_FIX);
            if (id != null) {
                where = rowName + " '" + id + "'";
            }
            checkKeys(row, where, NAMED_FIELDS);
            String zh = text(row, where, "zh", true, "write the Chinese name as the report gives it");
            String en = text(row, where, "en", true, "write the English name");
            if (id == null) {
                continue;
            }
            Integer earlier = firstLine.putIfAbsent(id, row.get("id").line());
            if (earlier != null) {
                error(row.get("id").line(), where, "id", "is already used by the " + rowName + " on line " + earlier,
                        "give each " + rowName + " its own id");
            } else if (zh != null && en != null) {
                byId.put(id, factory.create(id, zh, en));
            }
        }
        return byId;
    }

    private Map<String, List<PacePoint>> readPacePlans(MapNode doc, Integer year) {
        Map<String, List<PacePoint>> plans = new LinkedHashMap<>();
        Entry entry = doc.get("pacePlans");
        if (entry == null || isNull(entry.value())) {
            return plans;
        }
        if (!(entry.value() instanceof MapNode named)) {
            error(entry.line(), "document", "pacePlans", "expected named plans, found " + describe(entry.value()),
                    "write 'pacePlans:' followed by 'name:' and a list of {date, expectedRatio} under each name");
            return plans;
        }
        reportDuplicates(named, "pacePlans");
        for (Entry plan : named.entries().values()) {
            List<PacePoint> points = pacePoints(plan, "pace plan '" + plan.key() + "'", "points", year, null);
            if (points != null) {
                plans.put(plan.key(), points);
            }
        }
        return plans;
    }

    // ------------------------------------------------------------------ targets

    private record TargetRow(Target target, int line, Map<String, Integer> fieldLines) {
    }

    private List<TargetRow> readTargets(MapNode doc, Integer year, Map<String, Section> sections,
                                        Map<String, Department> departments, Map<String, List<PacePoint>> plans) {
        List<TargetRow> rows = new ArrayList<>();
        ListNode list = list(doc, "document", "targets", true, "add a list 'targets:' with one row per target");
        if (list == null) {
            return rows;
        }
        if (list.items().isEmpty()) {
            error(list.line(), "document", "targets", "is empty", "add at least one target");
        }
        Map<String, Integer> idLines = new LinkedHashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            if (!(item instanceof MapNode row)) {
                error(item.line(), "target #" + (i + 1), "(row)", "expected a target row, found " + describe(item),
                        "write the row as '- id: ...' with its fields indented below it");
                continue;
            }
            TargetRow target = readTarget(row, i + 1, year, sections, departments, plans);
            if (target == null) {
                continue;
            }
            Integer earlier = idLines.putIfAbsent(target.target().getId(), target.fieldLines().get("id"));
            if (earlier != null) {
                error(target.fieldLines().get("id"), "target '" + target.target().getId() + "'", "id",
                        "is already used by the target on line " + earlier,
                        "give each target its own id (ids key the targets topic, so never reuse one)");
                continue;
            }
            rows.add(target);
        }
        return rows;
    }

    /** Reads one target row; returns null (with errors recorded) if any field is bad. */
    private TargetRow readTarget(MapNode row, int index, Integer year, Map<String, Section> sections,
                                 Map<String, Department> departments, Map<String, List<PacePoint>> plans) {
        int errorsBefore = errors.size();
        String where = "target #" + index;
        String id = text(row, where, "id", true, ID_FIX);
        if (id != null) {
            where = "target '" + id + "'";
            if (!ID.matcher(id).matches()) {
                error(row.get("id").line(), where, "id", "'" + id + "' is not a kebab-case id", ID_FIX);
            }
        }
        checkKeys(row, where, TARGET_FIELDS);
        String nameZh = text(row, where, "nameZh", true, "write a short Chinese name, e.g. 社会消费品零售总额");
        String nameEn = text(row, where, "nameEn", true, "write a short English name, e.g. Total retail sales");
        String sectionId = reference(row, where, "section", sections.keySet(), "sections");
        String departmentId = reference(row, where, "department", departments.keySet(), "departments");
        TargetKind kind = enumValue(row, where, "kind", TargetKind.class);
        String unit = text(row, where, "unit", true, "write the unit as the report gives it, e.g. 亿元, 台, 万平方米; 项 for milestones");
        Comparator comparator = enumValue(row, where, "comparator", Comparator.class);
        Double targetValue = targetValue(row, where, kind);
        checkComparatorFitsKind(row, where, kind, comparator);
        LocalDate deadline = deadline(row, where, year);
        List<PacePoint> pacePlan = pacePlan(row, where, year, deadline, plans);
        Double baseline = optionalNumber(row, where, "baseline2019",
                "write the 2019 actual as a number in the target's unit, or leave the field out");
        String parent = optionalText(row, where, "parentTargetId",
                "write the id of the target this one is part of, or leave the field out");
        String sourcePhrase = text(row, where, "sourcePhrase", true,
                "copy the report's words for this target verbatim, spaces included");
        if (errors.size() > errorsBefore) {
            return null;
        }
        Section section = sections.get(sectionId);
        Department department = departments.get(departmentId);
        Target target = Target.newBuilder()
                .setId(id)
                .setYear(year)
                .setNameZh(nameZh)
                .setNameEn(nameEn)
                .setSectionId(section.id())
                .setSectionZh(section.zh())
                .setSectionEn(section.en())
                .setDepartmentId(department.id())
                .setDepartmentZh(department.zh())
                .setDepartmentEn(department.en())
                .setKind(kind)
                .setUnit(unit)
                .setTargetValue(targetValue)
                .setComparator(comparator)
                .setDeadline(deadline)
                .setPacePlan(pacePlan)
                .setBaseline2019(baseline)
                .setParentTargetId(parent)
                .setSourcePhrase(sourcePhrase)
                .setRevision(1)
                .setRevisionNote(null)
                .build();
        Map<String, Integer> fieldLines = new LinkedHashMap<>();
        row.entries().forEach((key, entry) -> fieldLines.put(key, entry.line()));
        return new TargetRow(target, row.line(), fieldLines);
    }

    private Double targetValue(MapNode row, String where, TargetKind kind) {
        Entry entry = row.get("targetValue");
        if (entry == null) {
            error(row.line(), where, "targetValue", "is missing",
                    "write the target value, or 'targetValue: null' if the report leaves it to be set later (pending)");
            return null;
        }
        if (isNull(entry.value())) {
            if (kind == TargetKind.MILESTONE) {
                error(entry.line(), where, "targetValue", "a MILESTONE cannot be pending",
                        "write 'targetValue: 1' (one project done)");
            }
            return null; // pending
        }
        Double value = number(entry, where, "targetValue");
        if (value == null) {
            return null;
        }
        if (value == 0 && (kind == TargetKind.CEILING || kind == null)) {
            // a zero ceiling (零增长): any amount over zero breaches it; an unknown kind is reported on its own
            return 0.0;
        }
        if (!(value > 0)) {
            error(entry.line(), where, "targetValue", (kind == TargetKind.CEILING ? "must be 0 or more, found "
                            : "must be greater than 0, found ") + format(value),
                    "write the value the report gives, or 'targetValue: null' while it is pending"
                            + (kind == TargetKind.CEILING ? "" : "; 0 is a value only for a CEILING (零增长)"));
        } else if (kind == TargetKind.MILESTONE && value != 1.0) {
            error(entry.line(), where, "targetValue", "a MILESTONE is one project done, found " + format(value),
                    "write 'targetValue: 1'; give each named project its own target");
        }
        return value;
    }

    private void checkComparatorFitsKind(MapNode row, String where, TargetKind kind, Comparator comparator) {
        if (kind == null || comparator == null) {
            return;
        }
        Set<Comparator> allowed = switch (kind) {
            case MILESTONE -> Set.of(Comparator.DONE);
            case CEILING -> Set.of(Comparator.AT_MOST);
            case CUMULATIVE, LEVEL -> Set.of(Comparator.AT_LEAST, Comparator.ABOUT);
        };
        if (!allowed.contains(comparator)) {
            String fits = allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(" or "));
            error(row.get("comparator").line(), where, "comparator",
                    comparator + " does not fit kind " + kind,
                    "a " + kind + " target uses " + fits + (comparator == Comparator.DONE
                            ? " (DONE is for MILESTONE)" : comparator == Comparator.AT_MOST
                            ? " (AT_MOST is for CEILING)" : ""));
        }
    }

    private LocalDate deadline(MapNode row, String where, Integer year) {
        Entry entry = row.get("deadline");
        if (entry == null || isNull(entry.value())) {
            error(row.line(), where, "deadline", "is missing",
                    "write the deadline as YYYY-MM-DD; the end of the year (" + (year == null ? "YYYY" : year)
                            + "-12-31) unless the report says otherwise");
            return null;
        }
        LocalDate date = date(entry, where, "deadline");
        if (date != null && year != null && date.getYear() != year) {
            error(entry.line(), where, "deadline", date + " is outside the catalog year " + year,
                    "use a date within " + year);
            return null;
        }
        return date;
    }

    private List<PacePoint> pacePlan(MapNode row, String where, Integer year, LocalDate deadline,
                                     Map<String, List<PacePoint>> plans) {
        Entry entry = row.get("pacePlan");
        if (entry == null || isNull(entry.value())) {
            return List.of(); // linear over the year
        }
        if (entry.value() instanceof Scalar s && s.value().isTextual()) {
            String name = s.value().asText();
            List<PacePoint> plan = plans.get(name);
            if (plan == null) {
                error(entry.line(), where, "pacePlan", "there is no pace plan named '" + name + "'",
                        "use one of " + (plans.isEmpty() ? "(none defined)" : String.join(", ", plans.keySet()))
                                + ", define it under pacePlans, or write a list of {date, expectedRatio}");
                return null;
            }
            checkPlanEndsByDeadline(entry, where, "pacePlan", plan, deadline);
            return plan;
        }
        return pacePoints(entry, where, "pacePlan", year, deadline);
    }

    /** Reads a list of {date, expectedRatio}: dates within the year in order, ratios 0..1 never falling, ending at 1.0. */
    private List<PacePoint> pacePoints(Entry entry, String where, String field, Integer year, LocalDate deadline) {
        if (!(entry.value() instanceof ListNode list)) {
            error(entry.line(), where, field, "expected a list of {date, expectedRatio}, found " + describe(entry.value()),
                    "write e.g. [{date: 2020-06-30, expectedRatio: 0.4}, {date: 2020-12-31, expectedRatio: 1.0}]");
            return null;
        }
        int errorsBefore = errors.size();
        List<PacePoint> points = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            String pointField = field + "[" + (i + 1) + "]";
            if (!(item instanceof MapNode point)) {
                error(item.line(), where, pointField, "expected {date, expectedRatio}, found " + describe(item),
                        "write the point as {date: 2020-06-30, expectedRatio: 0.4}");
                continue;
            }
            checkKeys(point, where, PACE_POINT_FIELDS, pointField + ".");
            Entry dateEntry = point.get("date");
            Entry ratioEntry = point.get("expectedRatio");
            if (dateEntry == null || ratioEntry == null) {
                error(point.line(), where, pointField + "." + (dateEntry == null ? "date" : "expectedRatio"),
                        "is missing", "write every point as {date: YYYY-MM-DD, expectedRatio: 0..1}");
                continue;
            }
            LocalDate date = date(dateEntry, where, pointField + ".date");
            Double ratio = number(ratioEntry, where, pointField + ".expectedRatio");
            if (date == null || ratio == null) {
                continue;
            }
            if (year != null && date.getYear() != year) {
                error(dateEntry.line(), where, pointField + ".date", date + " is outside the catalog year " + year,
                        "use dates within " + year);
            }
            if (ratio < 0 || ratio > 1) {
                error(ratioEntry.line(), where, pointField + ".expectedRatio", format(ratio) + " is outside 0..1",
                        "write the expected share as a fraction: 0.4 for 40%");
            }
            if (!points.isEmpty()) {
                PacePoint before = points.get(points.size() - 1);
                if (!date.isAfter(before.getDate())) {
                    error(dateEntry.line(), where, pointField + ".date",
                            date + " is not after the point before (" + before.getDate() + ")",
                            "list the points in date order, one point per date");
                }
                if (ratio < before.getExpectedRatio()) {
                    error(ratioEntry.line(), where, pointField + ".expectedRatio",
                            format(ratio) + " is lower than the point before (" + format(before.getExpectedRatio()) + ")",
                            "ratios are the share expected by each date, so they never go down");
                }
            }
            points.add(new PacePoint(date, ratio));
        }
        if (errors.size() > errorsBefore) {
            return null;
        }
        if (!points.isEmpty()) {
            PacePoint last = points.get(points.size() - 1);
            if (last.getExpectedRatio() != 1.0) {
                error(entry.line(), where, field, "the last point expects " + format(last.getExpectedRatio())
                                + ", so the plan never reaches the target",
                        "end the plan with expectedRatio: 1.0 on or before the deadline");
                return null;
            }
            checkPlanEndsByDeadline(entry, where, field, points, deadline);
        }
        return List.copyOf(points);
    }

    private void checkPlanEndsByDeadline(Entry entry, String where, String field, List<PacePoint> plan,
                                         LocalDate deadline) {
        if (deadline == null || plan.isEmpty()) {
            return;
        }
        LocalDate end = plan.get(plan.size() - 1).getDate();
        if (end.isAfter(deadline)) {
            error(entry.line(), where, field, "the plan reaches 1.0 on " + end + ", after the deadline " + deadline,
                    "end the plan on or before the deadline, or move the deadline");
        }
    }

    /** Parents must exist, differ from the child, share its unit and not loop. */
    private void checkParents(List<TargetRow> rows) {
        Map<String, TargetRow> byId = new LinkedHashMap<>();
        rows.forEach(row -> byId.put(row.target().getId(), row));
        for (TargetRow row : rows) {
            Target target = row.target();
            String parentId = target.getParentTargetId();
            if (parentId == null) {
                continue;
            }
            String where = "target '" + target.getId() + "'";
            int line = row.fieldLines().get("parentTargetId");
            TargetRow parent = byId.get(parentId);
            if (parentId.equals(target.getId())) {
                error(line, where, "parentTargetId", "a target cannot be part of itself",
                        "write the id of the larger target this one is part of, or remove the field");
            } else if (parent == null) {
                error(line, where, "parentTargetId", "no target has the id '" + parentId + "'",
                        "write the id of an existing target, or remove the field");
            } else if (!parent.target().getUnit().equals(target.getUnit())) {
                error(line, where, "parentTargetId", "the unit '" + target.getUnit() + "' differs from the parent's '"
                                + parent.target().getUnit() + "', so a roll-up could not subtract one from the other",
                        "a part must be counted in its parent's unit: check the parent id or the unit");
            } else {
                List<String> chain = new ArrayList<>(List.of(target.getId()));
                String next = parentId;
                while (next != null && byId.containsKey(next) && !chain.contains(next)) {
                    chain.add(next);
                    next = byId.get(next).target().getParentTargetId();
                }
                if (next != null && chain.contains(next)) {
                    chain.add(next);
                    if (next.equals(target.getId())) {
                        error(line, where, "parentTargetId", "the parent chain loops: " + String.join(" -> ", chain),
                                "a target cannot be part of its own part: remove one of the parentTargetId fields");
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ field helpers

    private String text(MapNode row, String where, String field, boolean required, String fix) {
        Entry entry = row.get(field);
        if (entry == null || isNull(entry.value())) {
            if (required) {
                error(row.line(), where, field, "is missing", fix);
            }
            return null;
        }
        if (!(entry.value() instanceof Scalar s) || !s.value().isTextual()) {
            error(entry.line(), where, field, "expected text, found " + describe(entry.value()), fix);
            return null;
        }
        String value = s.value().asText();
        if (value.isBlank()) {
            error(entry.line(), where, field, "is empty", fix);
            return null;
        }
        return value;
    }

    private String optionalText(MapNode row, String where, String field, String fix) {
        return text(row, where, field, false, fix);
    }

    private String reference(MapNode row, String where, String field, Set<String> known, String listName) {
        String value = text(row, where, field, true, "use one of " + String.join(", ", known));
        if (value != null && !known.contains(value)) {
            error(row.get(field).line(), where, field, "'" + value + "' is not one of the " + listName + " of this file",
                    "use one of " + String.join(", ", known) + ", or add it under '" + listName + ":'");
            return null;
        }
        return value;
    }

    private <E extends Enum<E>> E enumValue(MapNode row, String where, String field, Class<E> type) {
        String names = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        String value = text(row, where, field, true, "use one of " + names);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        String hint = Arrays.stream(type.getEnumConstants())
                .filter(c -> looksLike(c.name(), value.trim()))
                .map(c -> " (did you mean " + c.name() + "?)").findFirst().orElse("");
        error(row.get(field).line(), where, field, "'" + value + "' is not one of " + names + hint,
                "write one of " + names + " exactly, in capitals");
        return null;
    }

    private Double optionalNumber(MapNode row, String where, String field, String fix) {
        Entry entry = row.get(field);
        if (entry == null || isNull(entry.value())) {
            return null;
        }
        return number(entry, where, field);
    }

    private Double number(Entry entry, String where, String field) {
        if (entry.value() instanceof Scalar s && s.value().isNumber()) {
            double value = s.value().doubleValue();
            if (Double.isFinite(value)) {
                return value;
            }
        }
        error(entry.line(), where, field, "expected a number, found " + describe(entry.value()),
                "write the number alone, without quotes or unit (the unit goes in 'unit')");
        return null;
    }

    private LocalDate date(Entry entry, String where, String field) {
        if (entry.value() instanceof Scalar s && s.value().isTextual()) {
            try {
                return LocalDate.parse(s.value().asText().trim());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        error(entry.line(), where, field, "expected a date, found " + describe(entry.value()),
                "write the date as YYYY-MM-DD, e.g. 2020-12-31");
        return null;
    }

    private ListNode list(MapNode row, String where, String field, boolean required, String fix) {
        Entry entry = row.get(field);
        if (entry == null || isNull(entry.value())) {
            if (required) {
                error(row.line(), where, field, "is missing", fix);
            }
            return null;
        }
        if (!(entry.value() instanceof ListNode list)) {
            error(entry.line(), where, field, "expected a list, found " + describe(entry.value()), fix);
            return null;
        }
        return list;
    }

    private void checkKeys(MapNode row, String where, List<String> known) {
        checkKeys(row, where, known, "");
    }

    /** Unknown and repeated keys are errors: a misspelt optional field would otherwise be silently ignored. */
    private void checkKeys(MapNode row, String where, List<String> known, String prefix) {
        for (Entry entry : row.entries().values()) {
            if (!known.contains(entry.key())) {
                String hint = known.stream().filter(k -> looksLike(k, entry.key()))
                        .map(k -> "did you mean '" + k + "'? ").findFirst().orElse("");
                error(entry.line(), where, prefix + entry.key(), "is not a known field",
                        hint + "remove it or correct the spelling; known fields are " + String.join(", ", known));
            }
        }
        reportDuplicates(row, where, prefix);
    }

    /** A likely misspelling: same letters ignoring case, or at most two edits apart. */
    private static boolean looksLike(String known, String given) {
        if (known.equalsIgnoreCase(given)) {
            return true;
        }
        return org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance()
                .apply(known.toLowerCase(java.util.Locale.ROOT), given.toLowerCase(java.util.Locale.ROOT)) <= 2;
    }

    private void reportDuplicates(MapNode row, String where) {
        reportDuplicates(row, where, "");
    }

    private void reportDuplicates(MapNode row, String where, String prefix) {
        for (Entry duplicate : row.duplicates()) {
            error(duplicate.line(), where, prefix + duplicate.key(),
                    "is given twice (first on line " + row.get(duplicate.key()).line() + ")",
                    "keep one of the two lines");
        }
    }

    private void error(int line, String where, String field, String problem, String fix) {
        errors.add(new CatalogError(file, line, where, field, problem, fix));
    }

    private static boolean isNull(Node node) {
        return node instanceof Scalar s && s.value().isNull();
    }

    private static String describe(Node node) {
        if (node instanceof Scalar s) {
            if (s.value().isNull()) {
                return "nothing";
            }
            return s.value().isTextual() ? "text '" + s.value().asText() + "'" : s.value().toString();
        }
        return node instanceof ListNode ? "a list" : "a mapping";
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @FunctionalInterface
    private interface NamedFactory<T> {
        T create(String id, String zh, String en);
    }
}
