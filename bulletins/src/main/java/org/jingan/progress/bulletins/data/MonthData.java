package org.jingan.progress.bulletins.data;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything a document is written from, read from the stores through the query API at one moment.
 *
 * @param clockNow     the district clock when read (the streams app's copy of it)
 * @param clockMode    "wall" or "simulated"
 * @param freshness    how fresh the answers were
 * @param latestReport the latest as-of date of any counted report (null: none yet)
 * @param targets      every target with its history, in report order
 * @param stale        STALE_REPORT alerts firing when read
 */
public record MonthData(Instant clockNow, LocalDate clockDate, String clockMode, DataFreshness freshness,
                        Instant latestReport, List<TargetRecord> targets, List<StaleNotice> stale) {

    /**
     * Fails (to be tried again) while some target's stream task has not closed {@code date} yet: the clock moved on,
     * the history point of that day is still to be written. A target with no point although its task is past the
     * day (one added to the catalog later) does not hold it up.
     */
    public void requireClosed(LocalDate date) {
        long open = targets.stream().filter(t -> t.at(date).isEmpty() && !t.closed(date)).count();
        if (open > 0) {
            throw new QueryApiException("The stores are still closing " + date + " (" + open + " targets have no"
                    + " history point of that day yet): try again in a moment.", null);
        }
    }
}
