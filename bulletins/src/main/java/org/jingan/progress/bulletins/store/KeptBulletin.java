package org.jingan.progress.bulletins.store;

import java.time.YearMonth;
import java.util.List;

/**
 * A bulletin kept in the store: its month, the files (e.g. {@code bulletin-zh.pdf}) and what its manifest says:
 * the district clock when it was written and how it was triggered.
 */
public record KeptBulletin(YearMonth month, List<String> files, String clockAtGeneration, String trigger) {
}
