package org.jingan.progress.bulletins;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jingan.progress.bulletins.content.Language;
import org.jingan.progress.bulletins.store.BulletinStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a bulletin for every month of the district clock's year that has ended: at each check, the months from
 * January up to the last one ended that the store lacks are generated (each from its own month-end history bucket)
 * and kept. The store's rename decides, so a month is kept exactly once, also across restarts; a generation that
 * fails (the query API down) is tried again at the next check.
 */
public final class MonthEndScheduler {
    private static final Logger log = LoggerFactory.getLogger(MonthEndScheduler.class);

    private final BulletinStore store;
    private final Function<YearMonth, BulletinGenerator.Documents> generate;
    private final Supplier<LocalDate> clockDate;
    /** Months the stores recorded nothing for (before the targets' year): history is never written for them later. */
    private final java.util.Set<YearMonth> nothingRecorded = new java.util.HashSet<>();

    /**
     * @param clockDate the district clock's date (a {@code DistrictClock}'s today, or the query API's)
     */
    public MonthEndScheduler(BulletinStore store, Function<YearMonth, BulletinGenerator.Documents> generate,
                             Supplier<LocalDate> clockDate) {
        this.store = store;
        this.generate = generate;
        this.clockDate = clockDate;
    }

    /** The usual wiring: both languages, both formats. */
    public static MonthEndScheduler of(BulletinStore store, BulletinGenerator generator, Supplier<LocalDate> clockDate) {
        return new MonthEndScheduler(store, month -> generator.month(month, List.of(Language.ZH, Language.EN)), clockDate);
    }

    /** Keeps what is due; returns the months this call kept. */
    public synchronized List<YearMonth> check() {
        YearMonth lastEnded = YearMonth.from(clockDate.get()).minusMonths(1);
        List<YearMonth> kept = new ArrayList<>();
        for (YearMonth month = YearMonth.of(lastEnded.getYear(), 1); !month.isAfter(lastEnded); month = month.plusMonths(1)) {
            if (nothingRecorded.contains(month) || store.has(month)) {
                continue;
            }
            try {
                BulletinGenerator.Documents documents = generate.apply(month);
                if (store.keep(month, documents.files(), BulletinGenerator.manifest(month, documents, "month-end"))) {
                    kept.add(month);
                    log.info("Kept the bulletin of {} in {} ({} files)", month, store.dir(), documents.files().size());
                }
            } catch (NothingRecordedException e) {
                nothingRecorded.add(month);
                log.info("No bulletin for {}: the stores recorded nothing at its end", month);
            } catch (RuntimeException e) {
                log.warn("The bulletin of {} could not be generated now; trying again at the next check: {}", month, e.getMessage());
                break;
            }
        }
        return kept;
    }
}
