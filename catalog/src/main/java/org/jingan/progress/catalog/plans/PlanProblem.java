package org.jingan.progress.catalog.plans;

/** What is wrong with a submitted plan, where, in English and Chinese. {@code line} 0: the plan as a whole. */
public record PlanProblem(int line, String field, String message, String messageZh) {
}
