package org.jingan.progress.catalog.plans;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jingan.progress.avro.PacePoint;
import org.jingan.progress.avro.SubmittedCheckpoint;
import org.jingan.progress.avro.PlanSubmission;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.CatalogPublisher;

/**
 * An operator's decision on a department's plan, the one path every caller takes (the monitor's console, the
 * supervision loop): approving makes the plan the target's pace plan as an audited catalog revision
 * ({@link CatalogPublisher}: revisedBy the publishing login, revisedAt, a note naming the submission and the
 * operator), in force from the approval's district date, then records APPROVED; returning records RETURNED with the
 * operator's comment and changes nothing else. Past days keep the plan then in force: the streams app judges each
 * day as it comes and never rewrites a closed one.
 */
public final class PlanApproval {
    private final PlanSubmissionLog log;
    private final CatalogPublisher catalog;
    private final Supplier<Instant> districtNow;
    private final ZoneId zone;

    public PlanApproval(PlanSubmissionLog log, CatalogPublisher catalog, Supplier<Instant> districtNow, ZoneId zone) {
        this.log = log;
        this.catalog = catalog;
        this.districtNow = districtNow;
        this.zone = zone;
    }

    /** What an approval did: the act recorded and the revision that put the plan in force. */
    public record Approved(PlanSubmission act, Target revision) {
    }

    /** Where every submission stands now (read from the topic). */
    public PlanLedger ledger() {
        return PlanLedger.of(log.readAll());
    }

    /**
     * Approves the pending submission {@code submissionId} as {@code operator} (the signed-in name, never a name from a
     * request body). Idempotent: approving again a submission whose plan is already in force records nothing new.
     */
    public Approved approve(String submissionId, String operator, String comment) {
        PlanLedger ledger = ledger();
        PlanSubmission submission = submission(ledger, submissionId);
        Target current = catalog.readPublished().get(submission.getTargetId());
        if (current == null) {
            throw new PlanDecisionException(PlanDecisionException.Reason.UNKNOWN_TARGET, "The target '"
                    + submission.getTargetId() + "' is not in the catalog any more", "该目标已不在目录中");
        }
        PlanSubmission last = ledger.latest(submissionId).orElseThrow();
        if (PlanLedger.APPROVED.equals(last.getState()) && submissionId.equals(current.getPlanSubmissionId())) {
            return new Approved(last, current);
        }
        requirePending(ledger, submissionId);
        // the target may have been revised since the department planned: its plan must still fit
        PlanRules.Checked checked = PlanRules.check(current, rowsOf(submission));
        if (!checked.valid()) {
            throw new PlanDecisionException(PlanDecisionException.Reason.INVALID, "The plan no longer fits target '"
                    + current.getId() + "' as revised (revision " + current.getRevision() + "): return it so the"
                    + " department plans again", "目标已修订（第 " + current.getRevision() + " 版），该计划已不适用，请退回部门重新编制",
                    checked.problems());
        }
        Instant now = districtNow.get();
        LocalDate approvedOn = now.atZone(zone).toLocalDate();
        List<PacePoint> plan = new ArrayList<>();
        for (SubmittedCheckpoint c : checked.checkpoints()) {
            plan.add(new PacePoint(c.getDate(), c.getExpectedRatio()));
        }
        Target revised = Target.newBuilder(current).setPacePlan(plan).setPlanApprovedBy(operator)
                .setPlanApprovedOn(approvedOn).setPlanSubmissionId(submissionId).build();
        String note = "部门分解计划获批 / department plan approved: " + submission.getDepartmentId() + "'s plan "
                + submissionId + " approved " + approvedOn + " by " + operator
                + (PlanSubmitter.blankToNull(comment) == null ? "" : " (" + comment.strip() + ")");
        CatalogPublisher.Result result = catalog.publishTargets(List.of(revised), note);
        Target inForce = result.published().isEmpty() ? current : result.published().get(0);
        PlanSubmission act = decision(submission, PlanLedger.APPROVED, operator, comment, now)
                .setTargetRevision(inForce.getRevision()).build();
        log.append(act);
        return new Approved(act, inForce);
    }

    /** Returns the pending submission to its department with {@code comment} (required); the target stays as it is. */
    public PlanSubmission returnPlan(String submissionId, String operator, String comment) {
        if (PlanSubmitter.blankToNull(comment) == null) {
            throw new PlanDecisionException(PlanDecisionException.Reason.COMMENT_REQUIRED, "Say why the plan is"
                    + " returned (comment): the department plans again from it", "退回须说明理由（comment），部门据此重新编制");
        }
        PlanLedger ledger = ledger();
        PlanSubmission submission = submission(ledger, submissionId);
        requirePending(ledger, submissionId);
        PlanSubmission act = decision(submission, PlanLedger.RETURNED, operator, comment, districtNow.get()).build();
        log.append(act);
        return act;
    }

    private static PlanSubmission submission(PlanLedger ledger, String submissionId) {
        return ledger.submission(submissionId).orElseThrow(() -> new PlanDecisionException(
                PlanDecisionException.Reason.UNKNOWN_SUBMISSION, "No plan submission '" + submissionId + "'",
                "没有编号为 " + submissionId + " 的计划提交"));
    }

    private static void requirePending(PlanLedger ledger, String submissionId) {
        if (!ledger.pending(submissionId)) {
            PlanSubmission last = ledger.latest(submissionId).orElseThrow();
            String state = PlanLedger.SUBMITTED.equals(last.getState()) ? "replaced by a newer submission" : last.getState().toLowerCase()
                    + " by " + last.getActor();
            throw new PlanDecisionException(PlanDecisionException.Reason.NOT_PENDING, "The plan submission '"
                    + submissionId + "' is not waiting for a decision: " + state, "该计划提交已无需审批（已处理或已被新提交取代）");
        }
    }

    private static PlanSubmission.Builder decision(PlanSubmission submission, String state, String operator,
                                                   String comment, Instant at) {
        return PlanSubmission.newBuilder(submission).setState(state).setActor(operator).setActedAt(at)
                .setComment(PlanSubmitter.blankToNull(comment)).setTargetRevision(null);
    }

    static List<PlanRow> rowsOf(PlanSubmission submission) {
        List<PlanRow> rows = new ArrayList<>();
        int line = 1;
        for (SubmittedCheckpoint c : submission.getCheckpoints()) {
            rows.add(c.getExpectedValue() != null ? new PlanRow(line++, c.getDate(), c.getExpectedValue(), null)
                    : new PlanRow(line++, c.getDate(), null, c.getExpectedRatio()));
        }
        return rows;
    }
}
