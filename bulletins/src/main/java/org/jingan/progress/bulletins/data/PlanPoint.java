package org.jingan.progress.bulletins.data;

import java.time.LocalDate;

/** A checkpoint of a target's pace plan as a value: by this date, this much. */
public record PlanPoint(LocalDate date, double expectedValue) {
}
