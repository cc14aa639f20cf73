package org.jingan.progress.bulletins;

import java.time.YearMonth;

/** The stores recorded nothing at a month's end (a month before the targets' year): there is no bulletin to write. */
public final class NothingRecordedException extends IllegalArgumentException {
    private final YearMonth month;

    public NothingRecordedException(YearMonth month) {
        super("The stores recorded no target at the end of " + month + ": no bulletin can be written for it.");
        this.month = month;
    }

    public YearMonth month() {
        return month;
    }
}
