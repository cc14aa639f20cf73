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
}
