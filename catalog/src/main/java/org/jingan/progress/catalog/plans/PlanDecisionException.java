package org.jingan.progress.catalog.plans;

/** Why a plan cannot be submitted, approved or returned; the message says what to do, in English and Chinese. */
public final class PlanDecisionException extends RuntimeException {

    public enum Reason {
        /** No submission with that id. */
        UNKNOWN_SUBMISSION,
        /** It was already approved or returned, or a later submission for the target replaced it. */
        NOT_PENDING,
        /** The plan breaks a rule ({@link PlanRules}); {@link #problems()} lists them. */
        INVALID,
        /** A return without a comment: the department must learn what to change. */
        COMMENT_REQUIRED,
        /** The target is not (or no longer) in the catalog. */
        UNKNOWN_TARGET
    }

    private final Reason reason;
    private final String messageZh;
    private final java.util.List<PlanProblem> problems;

    public PlanDecisionException(Reason reason, String message, String messageZh) {
        this(reason, message, messageZh, java.util.List.of());
    }

    public PlanDecisionException(Reason reason, String message, String messageZh, java.util.List<PlanProblem> problems) {
        super(message);
        this.reason = reason;
        this.messageZh = messageZh;
        this.problems = java.util.List.copyOf(problems);
    }

    public Reason reason() {
        return reason;
    }

    public String messageZh() {
        return messageZh;
    }

    public java.util.List<PlanProblem> problems() {
        return problems;
    }
}
