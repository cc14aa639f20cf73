package org.jingan.progress.bulletins.data;

import java.time.LocalDate;
import java.util.List;

/**
 * The seam for the supervision loop (督办, built elsewhere): the cases open at a month's end. Until one is plugged in
 * there are none, and the bulletin leaves the section out rather than claiming "no cases".
 */
@FunctionalInterface
public interface SupervisionCases {
    SupervisionCases NONE = monthEnd -> null;

    /** The cases open at the end of {@code monthEnd}; null when no supervision loop is connected. */
    List<SupervisionCase> openAt(LocalDate monthEnd);
}
