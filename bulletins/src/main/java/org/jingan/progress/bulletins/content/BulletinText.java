package org.jingan.progress.bulletins.content;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jingan.progress.bulletins.data.DataFreshness;
import org.jingan.progress.bulletins.data.HistoryPoint;
import org.jingan.progress.bulletins.data.SupervisionCase;
import org.jingan.progress.clock.DistrictClock;

/** The sentences and cells of a bulletin in its language, the same for every format. */
public final class BulletinText {
    private final Bulletin b;
    private final Texts t;

    public BulletinText(Bulletin bulletin) {
        this.b = bulletin;
        this.t = Texts.of(bulletin.language());
    }

    public Texts texts() {
        return t;
    }

    public String title() {
        return t.get("bulletin.title", String.valueOf(b.month().getYear()), String.valueOf(b.month().getMonthValue()),
                b.month().getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH));
    }

    public String subtitle() {
        return t.get("bulletin.subtitle", date(b.monthEnd()));
    }

    public String basis() {
        return t.get("bulletin.basis", date(b.monthEnd()), date(b.clockDate()),
                t.get("bulletin.clock." + ("wall".equals(b.clockMode()) ? "wall" : "simulated")),
                String.valueOf(b.subTargets()));
    }

    public String freshness() {
        DataFreshness f = b.freshness();
        return t.get("bulletin.freshness", String.valueOf(f.answers()), f.answeredBy(),
                f.maxOffsetLag() == null ? t.get("bulletin.freshness.unknown") : String.valueOf(f.maxOffsetLag()),
                String.valueOf(f.maxTimeLagMs()), f.stale() ? t.get("bulletin.freshness.stale") : "",
                b.latestReport() == null ? t.get("bulletin.none") : date(b.latestReport()));
    }

    public String summary() {
        StatusRow all = b.total();
        return t.get("overview.summary", String.valueOf(all.targets()), n(all, "COMPLETED"),
                String.valueOf(all.count("ON_TRACK") + all.count("NOT_STARTED")), n(all, "AT_RISK"), n(all, "BEHIND"),
                n(all, "OVERDUE"), n(all, "BREACHED"), n(all, "NO_REPORT_YET"));
    }

    public String change() {
        StatusRow all = b.total();
        if (all.previous() == null) {
            return t.get("overview.noprevious");
        }
        List<String> parts = new ArrayList<>();
        for (String status : Bulletin.STATUS_COLUMNS) {
            if (all.change(status) != 0) {
                parts.add(t.status(status) + " " + Numbers.delta(all.change(status)));
            }
        }
        return parts.isEmpty() ? t.get("overview.nochange")
                : t.get("overview.change", String.join(b.language() == Language.ZH ? "，" : ", ", parts));
    }

    /** An overview cell: the count, and its change since last month when there is one. */
    public static String cell(StatusRow row, String status) {
        int count = row.count(status);
        String delta = Numbers.delta(row.change(status));
        if (count == 0 && delta.isEmpty()) {
            return "·";
        }
        return delta.isEmpty() ? String.valueOf(count) : count + " (" + delta + ")";
    }

    public String notRecorded() {
        return b.notRecorded().isEmpty() ? null : t.get("overview.notRecorded", String.valueOf(b.notRecorded().size()));
    }

    /** The key figures of a lagging target: label and value, in the order the page shows them. */
    public List<String[]> figures(TargetLine line) {
        HistoryPoint now = line.now();
        String unit = line.unit();
        List<String[]> figures = new ArrayList<>();
        figures.add(new String[]{t.get("lagging.actual"), Numbers.amount(now.actual(), unit, b.language())});
        figures.add(new String[]{t.get("lagging.target"), Numbers.amount(now.targetValue(), unit, b.language())});
        figures.add(new String[]{t.get("lagging.completion"), Numbers.percent(now.completionRatio())});
        figures.add(new String[]{t.get("lagging.expected"), Numbers.amount(now.expectedValue(), unit, b.language())
                + " (" + Numbers.percent(now.expectedRatio()) + ")"});
        Double gapUnits = now.expectedValue() == null ? null : now.actual() - now.expectedValue();
        figures.add(new String[]{t.get("lagging.gap"), t.get("lagging.gapValue", Numbers.amount(gapUnits, unit, b.language()),
                Numbers.points(line.gap()))});
        figures.add(new String[]{t.get("lagging.forecast"), Numbers.amount(now.forecastYearEnd(), unit, b.language())});
        return figures;
    }

    /** The line under a lagging target's name: department, status, status last month, the plan it was judged by. */
    public String laggingHeader(TargetLine line) {
        String previous = line.previous() == null ? "—" : t.status(line.previous().status());
        return t.get("lagging.department") + ": " + line.department(b.language()) + "    " + t.get("lagging.status")
                + ": " + t.status(line.now().status()) + "    " + t.get("lagging.previous") + ": " + previous
                // the plan this month's end was judged by: 时序进度, or the department's plan and who approved it
                + "    " + t.get("lagging.plan") + ": " + (b.language() == Language.ZH ? line.now().plan().zh() : line.now().plan().en());
    }

    public String breach(TargetLine line) {
        return t.get("breaches.line", line.name(b.language()), Numbers.amount(line.now().actual(), line.unit(), b.language()),
                Numbers.amount(line.now().targetValue(), line.unit(), b.language()), Numbers.amount(line.over(), line.unit(), b.language()),
                line.department(b.language()));
    }

    public String stale(TargetLine line) {
        return t.get("stale.line", line.name(b.language()), line.department(b.language()), date(line.staleSince()));
    }

    public String noReport() {
        boolean zh = b.language() == Language.ZH;
        List<String> names = b.noReport().stream().map(l -> l.name(b.language())
                + (zh ? "（" : " (") + l.department(b.language()) + (zh ? "）" : ")")).toList();
        return t.get("stale.noReport", String.valueOf(names.size())) + " "
                + String.join(b.language() == Language.ZH ? "；" : "; ", names);
    }

    /** "12 cases open at the month's end, 3 of them overdue." */
    public String casesSummary() {
        List<SupervisionCase> cases = b.supervisionCases();
        return t.get("supervision.summary", String.valueOf(cases.size()),
                String.valueOf(cases.stream().filter(SupervisionCase::overdue).count()));
    }

    /** Per department: name, open, overdue; most open cases first. */
    public List<String[]> caseCounts() {
        Map<String, int[]> counts = new TreeMap<>();
        for (SupervisionCase c : b.supervisionCases()) {
            int[] n = counts.computeIfAbsent(c.departmentId(), k -> new int[2]);
            n[0]++;
            n[1] += c.overdue() ? 1 : 0;
        }
        return counts.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, int[]> e) -> -e.getValue()[0]))
                .map(e -> new String[] {departmentName(e.getKey()), String.valueOf(e.getValue()[0]),
                        String.valueOf(e.getValue()[1])})
                .toList();
    }

    public List<String> caseCountHeaders() {
        return List.of(t.get("supervision.department"), t.get("supervision.open"), t.get("supervision.overdueCount"));
    }

    /** One overdue case: target, department, opened on, answer due, escalated or not. */
    public String overdueCase(SupervisionCase c) {
        return t.get("supervision.line", b.language() == Language.ZH ? c.nameZh() : c.nameEn(),
                departmentName(c.departmentId()), date(c.openedOn()),
                c.answerDueBy() == null ? "—" : date(c.answerDueBy()),
                t.get(c.escalated() ? "supervision.escalated" : "supervision.notEscalated"), c.caseId());
    }

    /** The department's name as the overview's rows give it (a case's department has targets, so it has a row). */
    private String departmentName(String id) {
        return b.departments().stream().filter(row -> row.id().equals(id)).map(StatusRow::name).findFirst().orElse(id);
    }

    public List<String> overdueCases() {
        List<String> lines = b.supervisionCases().stream().filter(SupervisionCase::overdue).map(this::overdueCase).toList();
        return lines.isEmpty() ? List.of(t.get("supervision.noneOverdue")) : lines;
    }

    public String completed(TargetLine line) {
        String reached = line.target().facts().isMilestone() ? t.status("COMPLETED")
                : Numbers.amount(line.now().actual(), line.unit(), b.language()) + " / " + Numbers.amount(line.now().targetValue(), line.unit(), b.language());
        return t.get("completed.line", line.name(b.language()), line.department(b.language()), reached);
    }

    public String name(TargetLine line) {
        return line.name(b.language());
    }

    public String date(LocalDate date) {
        return b.language() == Language.ZH ? date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日"
                : date.toString();
    }

    public String date(Instant instant) {
        return date(instant.atZone(DistrictClock.ZONE).toLocalDate());
    }

    private static String n(StatusRow row, String status) {
        return String.valueOf(row.count(status));
    }
}
