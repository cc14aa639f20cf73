package org.jingan.progress.bulletins.content;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jingan.progress.bulletins.data.HistoryPoint;
import org.jingan.progress.bulletins.data.MonthData;
import org.jingan.progress.bulletins.data.StaleNotice;
import org.jingan.progress.bulletins.data.SupervisionCases;
import org.jingan.progress.bulletins.data.TargetRecord;
import org.jingan.progress.clock.DistrictClock;

/** Turns what the stores recorded into a month's bulletin: counts, lagging targets, breaches, stale ones, completions. */
public final class BulletinBuilder {
    private static final Set<String> LAGGING = Set.of("AT_RISK", "BEHIND", "OVERDUE");

    private final SupervisionCases supervision;

    public BulletinBuilder(SupervisionCases supervision) {
        this.supervision = supervision;
    }

    /** The month must have ended by the district clock: its last day's bucket is closed. */
    public static void requireEnded(YearMonth month, LocalDate clockDate) {
        if (!month.atEndOfMonth().isBefore(clockDate)) {
            throw new IllegalArgumentException("The month " + month + " has not ended by the district clock ("
                    + clockDate + "): a bulletin covers a month whose last day is over.");
        }
    }

    public Bulletin build(MonthData data, YearMonth month, Language language) {
        requireEnded(month, data.clockDate());
        LocalDate end = month.atEndOfMonth();
        LocalDate previousEnd = month.minusMonths(1).atEndOfMonth();
        Instant endInstant = end.plusDays(1).atStartOfDay(DistrictClock.ZONE).toInstant();
        Map<String, Instant> staleSince = new HashMap<>();
        for (StaleNotice notice : data.stale()) {
            if (!notice.since().isAfter(endInstant)) {
                staleSince.put(notice.targetId(), notice.since());
            }
        }
        List<TargetLine> lines = new ArrayList<>();
        List<String> notRecorded = new ArrayList<>();
        for (TargetRecord t : data.targets()) {
            HistoryPoint now = t.at(end).orElse(null);
            if (now == null) {
                notRecorded.add(t.facts().id());
                continue;
            }
            lines.add(new TargetLine(t, now, t.at(previousEnd).orElse(null), staleSince.get(t.facts().id())));
        }
        List<TargetLine> top = lines.stream().filter(l -> !l.target().facts().isSubTarget()).toList();
        boolean hasPrevious = top.stream().anyMatch(l -> l.previous() != null);
        Texts texts = Texts.of(language);
        return new Bulletin(month, language, end, data.clockNow(), data.clockDate(), data.clockMode(), data.freshness(),
                data.latestReport(),
                row("all", texts.get("overview.all"), top, hasPrevious),
                rows(top, l -> l.target().facts().sectionId(),
                        l -> l.target().facts().sectionHeading(language == Language.ZH), hasPrevious),
                bySize(rows(top, l -> l.target().facts().departmentId(), l -> l.department(language), hasPrevious)),
                lines.size() - top.size(),
                lines.stream().filter(l -> LAGGING.contains(l.now().status()))
                        .sorted(Comparator.comparing((TargetLine l) -> l.gap() == null ? -1.0 : l.gap()))
                        .toList(),
                withStatus(lines, "BREACHED"),
                lines.stream().filter(l -> l.staleSince() != null).sorted(Comparator.comparing(TargetLine::staleSince)).toList(),
                withStatus(lines, "NO_REPORT_YET"),
                supervision.openAt(end),
                lines.stream().filter(l -> "COMPLETED".equals(l.now().status())
                        && (l.previous() == null || !"COMPLETED".equals(l.previous().status()))).toList(),
                List.copyOf(notRecorded));
    }

    /** Departments with the most targets first, as a leader scans the table. */
    private static List<StatusRow> bySize(List<StatusRow> rows) {
        return rows.stream().sorted(Comparator.comparing(StatusRow::targets).reversed().thenComparing(StatusRow::id)).toList();
    }

    private static List<TargetLine> withStatus(List<TargetLine> lines, String status) {
        return lines.stream().filter(l -> status.equals(l.now().status())).toList();
    }

    private static List<StatusRow> rows(List<TargetLine> lines, Function<TargetLine, String> id,
                                        Function<TargetLine, String> name, boolean hasPrevious) {
        Map<String, List<TargetLine>> groups = new LinkedHashMap<>();
        lines.stream().sorted(Comparator.comparing(id)).forEach(l -> groups.computeIfAbsent(id.apply(l), k -> new ArrayList<>()).add(l));
        List<StatusRow> rows = new ArrayList<>();
        groups.forEach((key, members) -> rows.add(row(key, name.apply(members.get(0)), members, hasPrevious)));
        return rows;
    }

    private static StatusRow row(String id, String name, List<TargetLine> members, boolean hasPrevious) {
        Map<String, Integer> now = new HashMap<>();
        Map<String, Integer> previous = hasPrevious ? new HashMap<>() : null;
        for (TargetLine l : members) {
            now.merge(l.now().status(), 1, Integer::sum);
            if (previous != null && l.previous() != null) {
                previous.merge(l.previous().status(), 1, Integer::sum);
            }
        }
        return new StatusRow(id, name, members.size(), Map.copyOf(now), previous == null ? null : Map.copyOf(previous));
    }
}
