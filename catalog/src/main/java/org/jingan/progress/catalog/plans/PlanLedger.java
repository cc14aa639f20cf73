package org.jingan.progress.catalog.plans;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jingan.progress.avro.PlanSubmission;

/**
 * The plans' acts folded into where each submission stands: the latest act per submission id; a submission is
 * pending while it is SUBMITTED, undecided and the latest its target got (a newer one replaces it).
 */
public final class PlanLedger {
    public static final String SUBMITTED = "SUBMITTED";
    public static final String APPROVED = "APPROVED";
    public static final String RETURNED = "RETURNED";

    private final Map<String, PlanSubmission> submitted = new LinkedHashMap<>();
    private final Map<String, PlanSubmission> latest = new LinkedHashMap<>();
    private final Map<String, String> latestSubmissionOfTarget = new LinkedHashMap<>();

    public static PlanLedger of(List<PlanSubmission> acts) {
        PlanLedger ledger = new PlanLedger();
        acts.forEach(ledger::add);
        return ledger;
    }

    private void add(PlanSubmission act) {
        if (SUBMITTED.equals(act.getState())) {
            submitted.putIfAbsent(act.getSubmissionId(), act);
            latestSubmissionOfTarget.put(act.getTargetId(), act.getSubmissionId());
        }
        latest.put(act.getSubmissionId(), act);
    }

    /** The submission as the department sent it. */
    public Optional<PlanSubmission> submission(String submissionId) {
        return Optional.ofNullable(submitted.get(submissionId));
    }

    /** The latest act on the submission: itself while undecided, else the approval or the return. */
    public Optional<PlanSubmission> latest(String submissionId) {
        return Optional.ofNullable(latest.get(submissionId));
    }

    public boolean pending(String submissionId) {
        PlanSubmission last = latest.get(submissionId);
        return last != null && SUBMITTED.equals(last.getState())
                && submissionId.equals(latestSubmissionOfTarget.get(last.getTargetId()));
    }

    /** Every submission waiting for a decision, oldest first. */
    public List<PlanSubmission> pending() {
        return submitted.keySet().stream().filter(this::pending).map(submitted::get).toList();
    }

    /** Every act, latest per submission, newest first (what the console lists under "decided"). */
    public List<PlanSubmission> latestActs() {
        List<PlanSubmission> all = new ArrayList<>(latest.values());
        java.util.Collections.reverse(all);
        return all;
    }
}
