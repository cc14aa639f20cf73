package org.jingan.progress.catalog.plans;

import java.time.LocalDate;

/**
 * One checkpoint as a department writes it: by {@code date}, the cumulative {@code value} (in the target's unit) or
 * the {@code share} of the target (0..1) expected; exactly one of the two. {@code line} is where it was read (a
 * spreadsheet's line, a JSON array's 1-based position), for the problems.
 */
public record PlanRow(int line, LocalDate date, Double value, Double share) {
}
