package org.jingan.progress.bulletins.content;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.jingan.progress.bulletins.data.DataFreshness;
import org.jingan.progress.bulletins.data.SupervisionCase;

/**
 * The content of one monthly progress bulletin (月度进展通报), independent of its format.
 *
 * @param monthEnd         the day whose history bucket the numbers are from
 * @param total            all top-level targets (sub-targets are counted apart, as the roll-ups do)
 * @param lagging          AT_RISK, BEHIND or OVERDUE at the month's end, worst gap first
 * @param breaches         ceilings BREACHED at the month's end
 * @param stale            targets whose STALE_REPORT alert fired by the month's end and still fires
 * @param noReport         NO_REPORT_YET at the month's end
 * @param supervisionCases open cases at the month's end; null when no supervision loop is connected
 * @param completed        COMPLETED at this month's end but not at the previous one
 * @param notRecorded      targets with no history point at the month's end (left out of the counts)
 */
public record Bulletin(YearMonth month, Language language, LocalDate monthEnd, Instant clockNow, LocalDate clockDate,
                       String clockMode, DataFreshness freshness, Instant latestReport, StatusRow total,
                       List<StatusRow> sections, List<StatusRow> departments, int subTargets, List<TargetLine> lagging,
                       List<TargetLine> breaches, List<TargetLine> stale, List<TargetLine> noReport,
                       List<SupervisionCase> supervisionCases, List<TargetLine> completed, List<String> notRecorded) {

    /** The statuses in the order the overview's columns show them. */
    public static final List<String> STATUS_COLUMNS = List.of("COMPLETED", "ON_TRACK", "NOT_STARTED", "AT_RISK",
            "BEHIND", "OVERDUE", "BREACHED", "NO_REPORT_YET", "PENDING_TARGET");
}
