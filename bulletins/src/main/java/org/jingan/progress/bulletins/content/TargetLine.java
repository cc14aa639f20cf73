package org.jingan.progress.bulletins.content;

import java.time.Instant;

import org.jingan.progress.bulletins.data.HistoryPoint;
import org.jingan.progress.bulletins.data.TargetRecord;

/**
 * A target as a bulletin lists it: its standing at the month's end ({@code now}, from the history bucket of that
 * day), at the previous month's end ({@code previous}, null if none was recorded), and since when its reports are
 * stale (null unless listed as stale).
 */
public record TargetLine(TargetRecord target, HistoryPoint now, HistoryPoint previous, Instant staleSince) {

    public String name(Language language) {
        return language == Language.ZH ? target.facts().nameZh() : target.facts().nameEn();
    }

    public String department(Language language) {
        return language == Language.ZH ? target.facts().departmentZh() : target.facts().departmentEn();
    }

    public String unit() {
        return target.facts().unit();
    }

    public Double gap() {
        return now == null ? null : now.gap(target.facts().isCeiling());
    }

    /** For a ceiling: how much over it (positive when breached). */
    public Double over() {
        return now == null || now.targetValue() == null ? null : now.actual() - now.targetValue();
    }
}
