package org.jingan.progress.catalog.plans;

/**
 * What is wrong with a submitted plan, where, in English and Chinese (the fields of the intake's other errors:
 * line, field, reason, reasonZh). {@code line} 0: the plan as a whole.
 */
public record PlanProblem(int line, String field, String reason, String reasonZh) {
}
