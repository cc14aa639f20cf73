package org.jingan.progress.stack.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;

/**
 * Alerts counted per month (of the district day they were raised on), per kind and per department and kind: the
 * per-target notices on the topic, and the groups a monitor grouping by department and kind would make of them
 * (Alertmanager's {@code group_by: [department, kind]}), counted once per group and day that saw a new FIRING.
 */
final class AlertTally {
    private final Map<YearMonth, Long> firing = new TreeMap<>();
    private final Map<YearMonth, Long> resolved = new TreeMap<>();
    private final Map<YearMonth, Map<AlertKind, Long>> firingByKind = new TreeMap<>();
    private final Map<YearMonth, Map<String, Long>> firingByDepartmentAndKind = new TreeMap<>();
    private final Map<YearMonth, Set<String>> groupDays = new TreeMap<>();
    private final Set<String> firedKeys = new HashSet<>();
    private long refired;

    static AlertTally of(List<Alert> alerts) {
        AlertTally tally = new AlertTally();
        alerts.forEach(tally::add);
        return tally;
    }

    private void add(Alert alert) {
        LocalDate day = LocalDate.ofInstant(alert.getRaisedAt(), DemoGenerator.ZONE);
        YearMonth month = YearMonth.from(day);
        if (alert.getState() == AlertState.RESOLVED) {
            resolved.merge(month, 1L, Long::sum);
            return;
        }
        firing.merge(month, 1L, Long::sum);
        if (!firedKeys.add(alert.getDedupKey())) {
            refired++;
        }
        firingByKind.computeIfAbsent(month, m -> new EnumMap<>(AlertKind.class)).merge(alert.getKind(), 1L, Long::sum);
        String group = alert.getDepartmentId() + "/" + alert.getKind();
        firingByDepartmentAndKind.computeIfAbsent(month, m -> new TreeMap<>()).merge(group, 1L, Long::sum);
        groupDays.computeIfAbsent(month, m -> new HashSet<>()).add(group + "@" + day);
    }

    long firing() {
        return firing.values().stream().mapToLong(Long::longValue).sum();
    }

    long firing(YearMonth month) {
        return firing.getOrDefault(month, 0L);
    }

    long firing(YearMonth month, AlertKind kind) {
        return firingByKind.getOrDefault(month, Map.of()).getOrDefault(kind, 0L);
    }

    /** Fired per kind over the whole tally, e.g. "BEHIND 40, STALE_REPORT 20". */
    String kinds() {
        Map<AlertKind, Long> all = new EnumMap<>(AlertKind.class);
        firingByKind.values().forEach(m -> m.forEach((k, n) -> all.merge(k, n, Long::sum)));
        return all.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** FIRING notices of a target and kind that had fired before in the tally: what flapping costs. */
    long refired() {
        return refired;
    }

    long resolved() {
        return resolved.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Group notices: department and kind pairs that saw a new FIRING, once per day. */
    long groupNotices(YearMonth month) {
        return groupDays.getOrDefault(month, Set.of()).size();
    }

    /** One row per month: fired, resolved, group notices, fired per kind. */
    String monthTable() {
        StringBuilder out = new StringBuilder("| month | fired | resolved | group notices (dept x kind x day) | fired by kind |\n"
                + "|---|---:|---:|---:|---|\n");
        Set<YearMonth> months = new java.util.TreeSet<>(firing.keySet());
        months.addAll(resolved.keySet());
        for (YearMonth m : months) {
            out.append("| ").append(m).append(" | ").append(firing(m)).append(" | ").append(resolved.getOrDefault(m, 0L))
                    .append(" | ").append(groupNotices(m)).append(" | ")
                    .append(firingByKind.getOrDefault(m, Map.of()).entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        out.append("| year | ").append(firing()).append(" | ").append(resolved()).append(" | ")
                .append(groupDays.values().stream().mapToLong(Set::size).sum()).append(" | ").append(refired)
                .append(" fired again after resolving |\n");
        return out.toString();
    }

    /** month,department,kind,fired: what a grouping monitor groups. */
    String departmentCsv() {
        StringBuilder out = new StringBuilder("month,department,kind,fired\n");
        firingByDepartmentAndKind.forEach((month, groups) -> groups.forEach((group, n) -> {
            int slash = group.lastIndexOf('/');
            out.append(month).append(',').append(group, 0, slash).append(',').append(group.substring(slash + 1))
                    .append(',').append(n).append('\n');
        }));
        return out.toString();
    }
}
