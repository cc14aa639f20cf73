package org.jingan.progress.intake.validation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.contract.UnitNames;
import org.jingan.progress.clock.DistrictClock;

/**
 * Checks reports against the catalog, the caller's department and the district clock. It reports every broken rule
 * of every report, so a department fixes its spreadsheet in one go; it never writes anything.
 *
 * <p>A report's eventTime is only its as-of date, never "now": now is the {@link DistrictClock}'s (the wall clock
 * live, the simulated clock in a replay or the demo year). An eventTime must lie
 * <ul>
 *   <li>not before 1 January of the target's year,</li>
 *   <li>before the end of the target's deadline day (in {@link DistrictClock#ZONE}, as the streams app reads it)
 *       plus the reporting grace ({@link Bounds#reportingGrace()}),</li>
 *   <li>not after the district clock's now plus {@link Bounds#maxEventTimeAhead()}.</li>
 * </ul>
 * A missing eventTime means the district clock's now. On a simulated clock the intake may not yet have read the
 * latest tick when a report of the new day arrives: the {@code catchUp} hook (reading every tick written so far) is
 * run at most once per request, before a report is refused as in the future and before a missing eventTime is
 * taken as now.
 *
 * <p>A value must be finite and within {@link ValueBounds} of its target; no text field may hold a control character
 * ({@link ControlCharacters}); a spreadsheet's free-text cells may not start a formula ({@link SpreadsheetFormulas}).
 */
public final class ReportValidator {
    public static final int MAX_EVENT_ID_LENGTH = 128;
    public static final int MAX_REPORTER_LENGTH = 100;
    public static final int MAX_NOTE_LENGTH = 1000;

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");
    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Set<String> MILESTONE_DONE = Set.of("1", "1.0", "是", "完成", "已完成", "done", "yes", "true", "y",
            "√", "✓");

    private final TargetDirectory targets;
    private final DistrictClock clock;
    private final ZoneId zone;
    private final Bounds bounds;
    private final ValueBounds valueBounds;
    private final Runnable catchUp;

    /**
     * How far an eventTime may lie after now and after its target's deadline.
     *
     * @param maxEventTimeAhead how far after the district clock's now a report may be dated (senders' clocks run a
     *                          little fast; a measurement "as of the end of this hour" is not a mistake)
     * @param reportingGrace    how long after the end of its target's deadline day a report may be dated
     */
    public record Bounds(Duration maxEventTimeAhead, Duration reportingGrace) {
        public static final Duration DEFAULT_MAX_EVENT_TIME_AHEAD = Duration.ofHours(1);
        public static final Duration DEFAULT_REPORTING_GRACE = Duration.ofDays(31);
        public static final Bounds DEFAULT = new Bounds(DEFAULT_MAX_EVENT_TIME_AHEAD, DEFAULT_REPORTING_GRACE);

        public Bounds {
            Objects.requireNonNull(maxEventTimeAhead, "maxEventTimeAhead");
            Objects.requireNonNull(reportingGrace, "reportingGrace");
            if (maxEventTimeAhead.isNegative() || reportingGrace.isNegative()) {
                throw new IllegalArgumentException("the event time bounds cannot be negative: " + maxEventTimeAhead
                        + " ahead, " + reportingGrace + " of reporting grace");
            }
        }
    }

    /** A validator on {@code clock} with the default bounds and nothing to catch up (a wall clock, a test). */
    public ReportValidator(TargetDirectory targets, DistrictClock clock, ZoneId zone) {
        this(targets, clock, zone, Bounds.DEFAULT, () -> { });
    }

    /**
     * @param zone    the zone of dates and local times written without an offset
     * @param catchUp brings {@code clock} up to date (a {@code ClockFollower}'s catch-up); run at most once per request
     */
    public ReportValidator(TargetDirectory targets, DistrictClock clock, ZoneId zone, Bounds bounds, Runnable catchUp) {
        this(targets, clock, zone, bounds, ValueBounds.DEFAULT, catchUp);
    }

    /** @param valueBounds how large a reported number may be for its target */
    public ReportValidator(TargetDirectory targets, DistrictClock clock, ZoneId zone, Bounds bounds, ValueBounds valueBounds,
                           Runnable catchUp) {
        this.targets = targets;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = zone;
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.valueBounds = Objects.requireNonNull(valueBounds, "valueBounds");
        this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
    }

    /** The district clock as one request sees it: caught up with the clock topic at most once. */
    private final class Now {
        private boolean caughtUp;

        Instant get() {
            return clock.now();
        }

        /** Reads the ticks written so far, the first time only; true if it did now (so now may have moved). */
        boolean catchUp() {
            if (caughtUp) {
                return false;
            }
            caughtUp = true;
            catchUp.run();
            return true;
        }
    }

    /** The outcome for one report: either {@code report} or a non-empty list of {@code errors}. */
    public record Checked(ReportRow row, ValidReport report, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** The outcome for a whole request: every valid report, or every error of every report. */
    public record BatchCheck(List<ValidReport> reports, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** How two reports of one request are recognised as the same one sent twice. */
    public enum DuplicateRule {
        /** Same event id, or same content (JSON batches). */
        SAME_CONTENT,
        /** Same event id, or same target, kind and date (a spreadsheet has one row per target per reporting date). */
        ONE_ROW_PER_TARGET_AND_DATE
    }

    public BatchCheck checkAll(List<ReportRow> rows, String departmentId, DuplicateRule duplicateRule) {
        var reports = new ArrayList<ValidReport>();
        var errors = new ArrayList<FieldError>();
        var firstRowByKey = new HashMap<String, ReportRow>();
        Now now = new Now();
        for (ReportRow row : rows) {
            Checked checked = check(row, departmentId, now);
            if (!checked.valid()) {
                errors.addAll(checked.errors());
                continue;
            }
            ValidReport report = checked.report();
            Optional<FieldError> duplicate = duplicateOf(report, firstRowByKey, duplicateRule);
            if (duplicate.isPresent()) {
                errors.add(duplicate.get());
            } else {
                reports.add(report);
            }
        }
        return errors.isEmpty() ? new BatchCheck(List.copyOf(reports), List.of()) : new BatchCheck(List.of(), List.copyOf(errors));
    }

    private Optional<FieldError> duplicateOf(ValidReport report, Map<String, ReportRow> firstRowByKey, DuplicateRule rule) {
        ReportRow row = report.row();
        if (report.eventId() != null) {
            ReportRow first = firstRowByKey.putIfAbsent("id:" + report.eventId(), row);
            if (first != null) {
                return Optional.of(FieldError.of(row, "eventId", report.eventId(), Violation.DUPLICATE_ROW,
                        "eventId '%s' is also used on line %d; give every report its own eventId".formatted(report.eventId(), first.line()),
                        "事件编号“%s”与第%d行重复，每条填报须使用不同的事件编号".formatted(report.eventId(), first.line())));
            }
            return Optional.empty();
        }
        String date = LocalDate.ofInstant(report.eventTime(), zone).toString();
        String key = switch (rule) {
            case SAME_CONTENT -> "content:" + report.fingerprint();
            case ONE_ROW_PER_TARGET_AND_DATE -> "row:" + report.target().getId() + "|" + report.kind() + "|" + date;
        };
        ReportRow first = firstRowByKey.putIfAbsent(key, row);
        if (first == null) {
            return Optional.empty();
        }
        return Optional.of(rule == DuplicateRule.ONE_ROW_PER_TARGET_AND_DATE
                ? FieldError.of(row, "targetId", report.target().getId(), Violation.DUPLICATE_ROW,
                        "line %d reports target '%s' (%s) for %s again, as line %d does; keep one row per target and date"
                                .formatted(row.line(), report.target().getId(), report.kind(), date, first.line()),
                        "第%d行与第%d行重复填报了目标“%s”在%s的%s数据，每个目标每个日期只保留一行"
                                .formatted(row.line(), first.line(), report.target().getId(), date, UpdateKinds.zh(report.kind())))
                : FieldError.of(row, "targetId", report.target().getId(), Violation.DUPLICATE_ROW,
                        "report %d repeats report %d word for word; remove it, or give both an eventId if both are meant"
                                .formatted(row.index() + 1, first.index() + 1),
                        "第%d条与第%d条完全相同，请删除重复的一条；如确为两次填报，请分别给出事件编号"
                                .formatted(row.index() + 1, first.index() + 1)));
    }

    public Checked check(ReportRow row, String departmentId) {
        return check(row, departmentId, new Now());
    }

    private Checked check(ReportRow row, String departmentId, Now now) {
        ReportRequest req = row.request();
        var errors = new ArrayList<FieldError>();

        // A field holding a control character is not judged further: its other reasons would quote it.
        textFieldsOf(req).forEach((field, text) -> ControlCharacters.check(row, field, text).ifPresent(errors::add));
        if (!errors.isEmpty()) {
            return new Checked(row, null, List.copyOf(errors));
        }
        if (row.source() == ReportRow.Source.SPREADSHEET) {
            SpreadsheetFormulas.check(row, "reporter", "填报人", req.reporter()).ifPresent(errors::add);
            SpreadsheetFormulas.check(row, "note", "备注", req.note()).ifPresent(errors::add);
        }

        if (!blank(req.departmentId()) && !req.departmentId().strip().equals(departmentId)) {
            errors.add(FieldError.of(row, "departmentId", req.departmentId(), Violation.DEPARTMENT_MISMATCH,
                    "your credential is department '%s' but the report says '%s'; leave departmentId out or send your own"
                            .formatted(departmentId, req.departmentId()),
                    "您的凭据属于部门“%s”，但填报写的是“%s”；请删去 departmentId 或填写本部门".formatted(departmentId, req.departmentId())));
        }
        String eventId = checkEventId(row, req.eventId(), "eventId", errors);
        String reporter = checkText(row, "reporter", req.reporter(), MAX_REPORTER_LENGTH, "填报人", errors);
        String note = checkText(row, "note", req.note(), MAX_NOTE_LENGTH, "备注", errors);

        Optional<Target> target = checkTarget(row, req.targetId(), departmentId, errors);
        if (target.isEmpty()) {
            // Without a target, kind, unit and value cannot be judged; still say what else is wrong.
            checkEventTime(row, req.eventTime(), null, now, errors);
            return new Checked(row, null, List.copyOf(errors));
        }
        Target t = target.get();
        UpdateKind kind = checkKind(row, req.kind(), t, errors);
        String valueText = req.value() == null ? null : req.value().strip();
        String unitFromValue = null;
        if (valueText != null && (valueText.endsWith("%") || valueText.endsWith("％"))) {
            unitFromValue = "%";
            valueText = valueText.substring(0, valueText.length() - 1).strip();
        }
        if (!blank(req.unit())) {
            checkUnit(row, "unit", req.unit(), req.unit(), t, errors);
        }
        if (unitFromValue != null) {
            checkUnit(row, "value", unitFromValue, req.value(), t, errors);
        }
        Double value = kind == null ? null : checkValue(row, kind, valueText, req.value(), t, errors);
        String correctsEventId = kind == null ? null : checkCorrection(row, kind, req.correctsEventId(), errors);
        Instant eventTime = checkEventTime(row, req.eventTime(), t, now, errors);

        if (!errors.isEmpty()) {
            return new Checked(row, null, List.copyOf(errors));
        }
        String who = blank(reporter) ? departmentId : reporter;
        return new Checked(row, new ValidReport(row, eventId, t, kind, value, t.getUnit(), eventTime, who, note,
                correctsEventId), List.of());
    }

    /** Every text field of a report by its JSON name, in the order of {@link ReportRequest#FIELDS}. */
    private static Map<String, String> textFieldsOf(ReportRequest req) {
        var fields = new java.util.LinkedHashMap<String, String>();
        fields.put("eventId", req.eventId());
        fields.put("targetId", req.targetId());
        fields.put("kind", req.kind());
        fields.put("value", req.value());
        fields.put("unit", req.unit());
        fields.put("eventTime", req.eventTime());
        fields.put("reporter", req.reporter());
        fields.put("note", req.note());
        fields.put("correctsEventId", req.correctsEventId());
        fields.put("departmentId", req.departmentId());
        return fields;
    }

    private Optional<Target> checkTarget(ReportRow row, String targetId, String departmentId, List<FieldError> errors) {
        if (blank(targetId)) {
            errors.add(FieldError.of(row, "targetId", targetId, Violation.TARGET_REQUIRED,
                    "targetId is missing; name the target you report on (GET /api/v1/targets lists yours)",
                    "缺少目标编号 targetId；请填写所报目标的编号（GET /api/v1/targets 可列出本部门目标）"));
            return Optional.empty();
        }
        String id = targetId.strip();
        Optional<Target> target = targets.find(id);
        if (target.isEmpty()) {
            String hint = closestOwnTarget(id, departmentId).map(s -> "; did you mean '" + s + "'?").orElse("");
            String hintZh = closestOwnTarget(id, departmentId).map(s -> "；是否应为“" + s + "”？").orElse("");
            errors.add(FieldError.of(row, "targetId", targetId, Violation.UNKNOWN_TARGET,
                    "no target '%s' in the catalog%s (GET /api/v1/targets lists your targets)".formatted(id, hint),
                    "目录中没有目标“%s”%s（GET /api/v1/targets 可列出本部门目标）".formatted(id, hintZh)));
            return Optional.empty();
        }
        Target t = target.get();
        if (!t.getDepartmentId().equals(departmentId)) {
            errors.add(FieldError.of(row, "targetId", targetId, Violation.FORBIDDEN_TARGET,
                    "target '%s' (%s) belongs to %s (%s), not to your department '%s'; report only your own targets"
                            .formatted(id, t.getNameEn(), t.getDepartmentEn(), t.getDepartmentId(), departmentId),
                    "目标“%s”（%s）由%s负责，不属于本部门（%s），只能填报本部门的目标"
                            .formatted(id, t.getNameZh(), t.getDepartmentZh(), departmentId)));
            return Optional.empty();
        }
        return target;
    }

    private UpdateKind checkKind(ReportRow row, String kindText, Target t, List<FieldError> errors) {
        UpdateKind kind;
        if (blank(kindText)) {
            kind = UpdateKinds.defaultFor(t.getKind());
        } else {
            Optional<UpdateKind> parsed = UpdateKinds.parse(kindText);
            if (parsed.isEmpty()) {
                errors.add(FieldError.of(row, "kind", kindText, Violation.UNKNOWN_KIND,
                        "kind '%s' is not one of INCREMENT, CUMULATIVE_TO_DATE, LEVEL, MILESTONE_REACHED, CORRECTION"
                                .formatted(kindText),
                        "填报类型“%s”无效，应为 增量、累计、水平、完成、更正 之一".formatted(kindText)));
                return null;
            }
            kind = parsed.get();
        }
        Set<UpdateKind> allowed = UpdateKinds.allowedFor(t.getKind());
        if (!allowed.contains(kind)) {
            String allowedList = allowed.stream().map(Enum::name).collect(Collectors.joining(", "));
            String allowedZh = allowed.stream().map(UpdateKinds::zh).collect(Collectors.joining("、"));
            errors.add(FieldError.of(row, "kind", kindText == null ? kind.name() : kindText, Violation.KIND_NOT_FOR_TARGET,
                    "a %s cannot be reported on target '%s', which is a %s target; use %s"
                            .formatted(kind, t.getId(), t.getKind(), allowedList),
                    "目标“%s”是%s目标，不能填报“%s”，可用类型：%s"
                            .formatted(t.getId(), UpdateKinds.zh(t.getKind()), UpdateKinds.zh(kind), allowedZh)));
            return null;
        }
        return kind;
    }

    /** A unit in an English message: its English name with the catalog's unit a report sends, "units (台)". */
    private static String unitEn(String unit) {
        String english = UnitNames.english(unit);
        return english.equals(unit) ? unit : english + " (" + unit + ")";
    }

    private void checkUnit(ReportRow row, String field, String unit, String sent, Target t, List<FieldError> errors) {
        if (Units.same(unit, t.getUnit())) {
            return;
        }
        errors.add(FieldError.of(row, field, sent, Violation.UNIT_MISMATCH,
                "unit '%s' does not fit target '%s', which is measured in %s; send the value in %s"
                        .formatted(unit.strip(), t.getId(), unitEn(t.getUnit()), t.getUnit()),
                "单位“%s”与目标“%s”不符，该目标以“%s”计量，请按“%s”填报".formatted(unit.strip(), t.getId(), t.getUnit(), t.getUnit())));
    }

    private Double checkValue(ReportRow row, UpdateKind kind, String valueText, String sent, Target t, List<FieldError> errors) {
        switch (kind) {
            case MILESTONE_REACHED -> {
                if (!blank(valueText) && !MILESTONE_DONE.contains(valueText.toLowerCase(java.util.Locale.ROOT))) {
                    errors.add(FieldError.of(row, "value", sent, Violation.VALUE_NOT_ALLOWED,
                            "a milestone is done or not: leave value empty (or 1) when '%s' is reached".formatted(t.getId()),
                            "节点类目标只有完成与否：目标“%s”完成时数值留空（或填 1）".formatted(t.getId())));
                }
                return null;
            }
            case CORRECTION -> {
                if (!blank(valueText)) {
                    errors.add(FieldError.of(row, "value", sent, Violation.VALUE_NOT_ALLOWED,
                            "a correction only retracts the report named by correctsEventId; leave value empty and send the right figure as a new report",
                            "更正只撤销 correctsEventId 所指的填报，数值须留空；正确数据请另行填报"));
                }
                return null;
            }
            default -> {
                // INCREMENT, CUMULATIVE_TO_DATE, LEVEL carry a number.
            }
        }
        if (blank(valueText)) {
            errors.add(FieldError.of(row, "value", sent, Violation.VALUE_REQUIRED,
                    "value is missing; a %s on target '%s' needs a number in %s".formatted(kind, t.getId(), unitEn(t.getUnit())),
                    "缺少数值；目标“%s”的%s填报需要以“%s”计的数值".formatted(t.getId(), UpdateKinds.zh(kind), t.getUnit())));
            return null;
        }
        Optional<Double> parsed = parseNumber(valueText);
        if (parsed.isEmpty()) {
            errors.add(FieldError.of(row, "value", sent, Violation.VALUE_NOT_A_NUMBER,
                    "value '%s' is not a number; write it like 12.5 (a dot for decimals, no unit)".formatted(sent),
                    "数值“%s”不是数字；请写成 12.5 的形式（小数点，不带单位）".formatted(sent)));
            return null;
        }
        double value = parsed.get();
        Optional<FieldError> outOfRange = valueBounds.check(row, value, sent, t);
        if (outOfRange.isPresent()) {
            errors.add(outOfRange.get());
            return null;
        }
        if (kind == UpdateKind.INCREMENT && value < 0) {
            errors.add(FieldError.of(row, "value", sent, Violation.NEGATIVE_INCREMENT,
                    "an increment of '%s' cannot be negative (%s); to take back an earlier report send a CORRECTION naming its eventId, or send the year-to-date total as CUMULATIVE_TO_DATE"
                            .formatted(t.getId(), sent),
                    "目标“%s”的增量不能为负数（%s）；撤回之前的填报请用“更正”并注明其事件编号，或改报年度累计值".formatted(t.getId(), sent)));
            return null;
        }
        if (kind == UpdateKind.CUMULATIVE_TO_DATE && value < 0) {
            errors.add(FieldError.of(row, "value", sent, Violation.NEGATIVE_VALUE,
                    "a year-to-date total of '%s' cannot be negative (%s)".formatted(t.getId(), sent),
                    "目标“%s”的年度累计值不能为负数（%s）".formatted(t.getId(), sent)));
            return null;
        }
        if (Units.countsWholeThings(t.getUnit()) && value != Math.rint(value)) {
            errors.add(FieldError.of(row, "value", sent, Violation.VALUE_NOT_WHOLE,
                    "target '%s' counts whole %s; %s is not a whole number".formatted(t.getId(), unitEn(t.getUnit()), sent),
                    "目标“%s”以“%s”计数，数值须为整数，“%s”不是整数".formatted(t.getId(), t.getUnit(), sent)));
            return null;
        }
        return value;
    }

    private String checkCorrection(ReportRow row, UpdateKind kind, String correctsEventId, List<FieldError> errors) {
        if (kind == UpdateKind.CORRECTION) {
            if (blank(correctsEventId)) {
                errors.add(FieldError.of(row, "correctsEventId", correctsEventId, Violation.CORRECTION_TARGET_REQUIRED,
                        "a CORRECTION must name the eventId of the report it retracts in correctsEventId",
                        "更正须在 correctsEventId 中注明被撤销填报的事件编号"));
                return null;
            }
            return checkEventId(row, correctsEventId, "correctsEventId", errors);
        }
        if (!blank(correctsEventId)) {
            errors.add(FieldError.of(row, "correctsEventId", correctsEventId, Violation.CORRECTION_TARGET_NOT_ALLOWED,
                    "correctsEventId only goes with kind CORRECTION; leave it empty or set kind to CORRECTION",
                    "只有“更正”类填报才能填写 correctsEventId；请留空或将类型改为“更正”"));
        }
        return null;
    }

    private Instant checkEventTime(ReportRow row, String text, Target t, Now now, List<FieldError> errors) {
        Instant eventTime;
        String subject;
        String subjectZh;
        if (blank(text)) {
            // "As of now", the district's: a script reporting a level it just measured. Read the ticks written so
            // far first, so that a report sent just after the clock moved is not dated the day before.
            now.catchUp();
            eventTime = now.get();
            subject = "eventTime (left out: the district clock's now, %s %s)".formatted(minute(eventTime), DistrictClock.ZONE);
            subjectZh = "时间（未填，即区时钟当前时间 %s，上海时间）".formatted(minute(eventTime));
        } else {
            Optional<Instant> parsed = EventTimes.parse(text, zone);
            if (parsed.isEmpty()) {
                errors.add(FieldError.of(row, "eventTime", text, Violation.EVENT_TIME_UNREADABLE,
                        "eventTime '%s' is not a date or time; write 2020-03-31 or 2020-03-31T17:00:00+08:00".formatted(text),
                        "时间“%s”无法识别；请写成 2020-03-31 或 2020-03-31T17:00:00+08:00".formatted(text)));
                return null;
            }
            eventTime = parsed.get();
            subject = "eventTime " + text.strip();
            subjectZh = "时间 " + text.strip();
        }
        if (t != null) {
            Instant yearStart = LocalDate.of(t.getYear(), 1, 1).atStartOfDay(zone).toInstant();
            if (eventTime.isBefore(yearStart)) {
                errors.add(FieldError.of(row, "eventTime", text, Violation.EVENT_TIME_BEFORE_YEAR,
                        "%s is before the reporting year %d of target '%s'; progress counts from %d-01-01"
                                .formatted(subject, t.getYear(), t.getId(), t.getYear()),
                        "%s 早于目标“%s”的报告年度 %d 年，进展从 %d-01-01 起计"
                                .formatted(subjectZh, t.getId(), t.getYear(), t.getYear())));
                return null;
            }
            Instant reportingEnds = reportingEnds(t);
            if (!eventTime.isBefore(reportingEnds)) {
                LocalDate deadline = deadlineOf(t);
                errors.add(FieldError.of(row, "eventTime", text, Violation.EVENT_TIME_AFTER_DEADLINE,
                        ("%s is after the reporting period of target '%s': its deadline is %s and reports on it are"
                                + " taken for %s after that day, so it takes dates from %d-01-01 to %s; progress after"
                                + " that does not count toward it")
                                .formatted(subject, t.getId(), deadline, english(bounds.reportingGrace()), t.getYear(),
                                        lastAllowed(reportingEnds, false)),
                        "%s 超出目标“%s”的填报期：截止日期为 %s，截止后 %s内可补报，可填报的时间为 %d-01-01 至 %s；此后的进展不计入该目标"
                                .formatted(subjectZh, t.getId(), deadline, chinese(bounds.reportingGrace()), t.getYear(),
                                        lastAllowed(reportingEnds, true))));
                return null;
            }
        }
        if (blank(text)) {
            return eventTime; // now is never in the future
        }
        Instant latest = now.get().plus(bounds.maxEventTimeAhead());
        if (eventTime.isAfter(latest) && now.catchUp()) {
            latest = now.get().plus(bounds.maxEventTimeAhead()); // a simulated clock may have moved meanwhile
        }
        if (eventTime.isAfter(latest)) {
            String nowText = minute(latest.minus(bounds.maxEventTimeAhead()));
            String until = minute(latest);
            String range = t == null ? "reports take dates up to " + until
                    : "target '%s' takes dates from %d-01-01 to %s".formatted(t.getId(), t.getYear(), until);
            String rangeZh = t == null ? "可填报的时间最晚为 " + until
                    : "目标“%s”可填报的时间为 %d-01-01 至 %s".formatted(t.getId(), t.getYear(), until);
            errors.add(FieldError.of(row, "eventTime", text, Violation.EVENT_TIME_IN_FUTURE,
                    ("%s is in the future: the district clock's now is %s (%s) and a report may be dated at most %s"
                            + " after it, so %s; report progress that has happened")
                            .formatted(subject, nowText, DistrictClock.ZONE, english(bounds.maxEventTimeAhead()), range),
                    "%s 晚于当前：区时钟当前时间为 %s（上海时间），填报时间最多可比它晚 %s，%s；只能填报已经发生的进展"
                            .formatted(subjectZh, nowText, chinese(bounds.maxEventTimeAhead()), rangeZh)));
            return null;
        }
        return eventTime;
    }

    /** The target's deadline; the end of its year if it has none. */
    private static LocalDate deadlineOf(Target t) {
        return t.getDeadline() != null ? t.getDeadline() : LocalDate.of(t.getYear(), 12, 31);
    }

    /**
     * The first instant a report on {@code t} may no longer carry: the end of its deadline day (00:00 of the next day
     * in {@link DistrictClock#ZONE}, never before 1 January of its year, as the streams app's pace plan reads it)
     * plus the reporting grace.
     */
    private Instant reportingEnds(Target t) {
        Instant yearStart = LocalDate.of(t.getYear(), 1, 1).atStartOfDay(DistrictClock.ZONE).toInstant();
        Instant deadlineEnd = deadlineOf(t).plusDays(1).atStartOfDay(DistrictClock.ZONE).toInstant();
        return (deadlineEnd.isBefore(yearStart) ? yearStart : deadlineEnd).plus(bounds.reportingGrace());
    }

    /** The last date (or, off midnight, the minute before which) of an exclusive end, in {@link DistrictClock#ZONE}. */
    private static String lastAllowed(Instant exclusiveEnd, boolean zh) {
        ZonedDateTime end = exclusiveEnd.atZone(DistrictClock.ZONE);
        if (end.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return end.toLocalDate().minusDays(1).toString();
        }
        return zh ? MINUTE.format(end) + " 之前" : "before " + MINUTE.format(end);
    }

    private static String minute(Instant instant) {
        return MINUTE.format(instant.atZone(DistrictClock.ZONE));
    }

    private static String english(Duration d) {
        if (d.isZero()) {
            return "0 s";
        }
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() == 1 ? "1 day" : d.toDays() + " days";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + " h";
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + " min";
        }
        if (d.toSeconds() > 0 && d.equals(Duration.ofSeconds(d.toSeconds()))) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }

    private static String chinese(Duration d) {
        if (d.isZero()) {
            return "0秒";
        }
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "天";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "小时";
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + "分钟";
        }
        if (d.toSeconds() > 0 && d.equals(Duration.ofSeconds(d.toSeconds()))) {
            return d.toSeconds() + "秒";
        }
        return d.toMillis() + "毫秒";
    }

    private static String checkEventId(ReportRow row, String eventId, String field, List<FieldError> errors) {
        if (blank(eventId)) {
            return null;
        }
        String id = eventId.strip();
        if (!EVENT_ID.matcher(id).matches()) {
            errors.add(FieldError.of(row, field, eventId, Violation.EVENT_ID_INVALID,
                    "%s must be 1 to %d letters, digits, '.', '_', ':' or '-' (a UUID is fine)".formatted(field, MAX_EVENT_ID_LENGTH),
                    "%s 须为 1 至 %d 个字母、数字或 . _ : -（可用 UUID）".formatted(field, MAX_EVENT_ID_LENGTH)));
            return null;
        }
        return id;
    }

    private static String checkText(ReportRow row, String field, String text, int max, String nameZh, List<FieldError> errors) {
        if (blank(text)) {
            return null;
        }
        String s = text.strip();
        if (s.codePointCount(0, s.length()) > max) {
            errors.add(FieldError.of(row, field, s.substring(0, Math.min(s.length(), 40)) + "…", Violation.TEXT_TOO_LONG,
                    "%s is longer than %d characters; shorten it".formatted(field, max),
                    "%s超过 %d 个字，请缩短".formatted(nameZh, max)));
            return null;
        }
        return s;
    }

    /** The number {@code text} writes (infinite when it overflows a double: {@link ValueBounds} refuses that). */
    static Optional<Double> parseNumber(String text) {
        String s = text.strip().replace('＋', '+').replace('－', '-').replace('．', '.');
        if (THOUSANDS.matcher(s).matches()) {
            s = s.replace(",", "");
        }
        try {
            return Optional.of(new BigDecimal(s).doubleValue());
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private Optional<String> closestOwnTarget(String id, String departmentId) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Target t : targets.ofDepartment(departmentId)) {
            int d = editDistance(id, t.getId());
            if (d < bestDistance) {
                bestDistance = d;
                best = t.getId();
            }
        }
        return bestDistance <= Math.max(2, id.length() / 4) ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int editDistance(String a, String b) {
        return org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance().apply(a, b);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
