package org.jingan.progress.bulletins.data;

import java.time.LocalDate;
import java.util.List;

/**
 * The cases of the supervision loop (督办) open at a month's end; {@link QueryApiCases} reads them from the query
 * API. With {@link #NONE} (no loop connected) the bulletin leaves the section out rather than claiming "no cases".
 */
@FunctionalInterface
public interface SupervisionCases {
    SupervisionCases NONE = monthEnd -> null;

    /** The cases open at the end of {@code monthEnd}; null when no supervision loop is connected. */
    List<SupervisionCase> openAt(LocalDate monthEnd);
}
