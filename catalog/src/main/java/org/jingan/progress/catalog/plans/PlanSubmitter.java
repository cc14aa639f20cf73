package org.jingan.progress.catalog.plans;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.jingan.progress.avro.PlanSubmission;
import org.jingan.progress.avro.Target;

/**
 * A department files its own plan for one of its targets: checked ({@link PlanRules}) and recorded as SUBMITTED on the
 * plan-submissions topic, stamped with the district clock. The intake calls it for the department its key names; a
 * supervision answer (督办) carrying a proposed plan calls it with channel SUPERVISION. Nothing changes until an
 * operator approves it ({@link PlanApproval}).
 */
public final class PlanSubmitter {
    private final PlanSubmissionLog log;
    private final Supplier<Instant> districtNow;

    public PlanSubmitter(PlanSubmissionLog log, Supplier<Instant> districtNow) {
        this.log = log;
        this.districtNow = districtNow;
    }

    /**
     * @param departmentId the department that files it (authenticated by the caller); must own the target
     * @throws PlanDecisionException INVALID with every problem, nothing written; UNKNOWN_TARGET for another
     *                               department's target (the caller answers 403 before calling, this is the backstop)
     */
    public PlanSubmission submit(Target target, String departmentId, List<PlanRow> rows, String note, String channel) {
        if (!target.getDepartmentId().equals(departmentId)) {
            throw new PlanDecisionException(PlanDecisionException.Reason.UNKNOWN_TARGET, "'" + target.getId()
                    + "' belongs to " + target.getDepartmentId() + ", not " + departmentId + ": each department files"
                    + " plans for its own targets only", "「" + target.getNameZh() + "」不属于本部门，各部门只能提交本部门目标的分解计划");
        }
        PlanRules.Checked checked = PlanRules.check(target, rows);
        if (!checked.valid()) {
            throw new PlanDecisionException(PlanDecisionException.Reason.INVALID, "The plan for '" + target.getId()
                    + "' breaks " + checked.problems().size() + " rule(s) listed in 'errors'; nothing was submitted",
                    "「" + target.getNameZh() + "」的分解计划有 " + checked.problems().size() + " 处错误（见 errors），未提交",
                    checked.problems());
        }
        PlanSubmission act = PlanSubmission.newBuilder()
                .setSubmissionId(UUID.randomUUID().toString())
                .setTargetId(target.getId()).setDepartmentId(departmentId).setState(PlanLedger.SUBMITTED)
                .setChannel(channel).setCheckpoints(checked.checkpoints()).setNote(blankToNull(note))
                .setActor(departmentId).setActedAt(districtNow.get()).setComment(null).setTargetRevision(null)
                .setTargetRevisionSeen(target.getRevision())
                .build();
        log.append(act);
        return act;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
