package org.jingan.progress.intake.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.jingan.progress.avro.CaseStage;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.SupervisionCaseState;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.kit.http.Problem;
import org.jingan.progress.kit.http.ProblemException;
import org.jingan.progress.supervision.CaseFollower;
import org.jingan.progress.supervision.CaseSteps;
import org.jingan.progress.supervision.CaseWriter;

/**
 * Departments answering their supervision cases: which cases a department has open, and its answer checked against
 * the case as it stands (read up to now from the topic) and written for the department the key belongs to.
 */
public final class CaseAnswers implements AutoCloseable {
    private static final Duration CATCH_UP = Duration.ofSeconds(5);

    private final CaseFollower follower;
    private final CaseWriter writer;
    private final DistrictClock clock;
    private final Clock wall;

    public CaseAnswers(CaseFollower follower, CaseWriter writer, DistrictClock clock, Clock wall) {
        this.follower = follower;
        this.writer = writer;
        this.clock = clock;
        this.wall = wall;
    }

    public LocalDate today() {
        return clock.today();
    }

    public boolean ready() {
        return follower.healthy();
    }

    /** The department's open cases. */
    public List<SupervisionCaseState> openOf(String departmentId) {
        follower.catchUp(CATCH_UP);
        return follower.book().openOf(departmentId);
    }

    /** Checks and writes the department's answer to the target's open case; returns the step written. */
    /**
     * Files an answer's proposed plan for approval (the plans' desk in the monitor), after the case's checks and
     * before the answer is written; says under which submission id, or throws to refuse the whole answer.
     */
    @FunctionalInterface
    public interface PlanFiling {
        String file(SupervisionCaseState c, java.util.List<org.jingan.progress.avro.PlanCheckpoint> plan);
    }

    public SupervisionCaseEvent answer(String departmentId, String targetId, AnswerRequest request) {
        return answer(departmentId, targetId, request, null);
    }

    /** The answer, its proposed plan (if any) filed through {@code plans} (null: kept in the case record only). */
    public SupervisionCaseEvent answer(String departmentId, String targetId, AnswerRequest request, PlanFiling plans) {
        follower.catchUp(CATCH_UP);
        SupervisionCaseState c = follower.book().open(targetId).orElseThrow(() -> new ProblemException(new Problem(404,
                "no-open-case", "No open supervision case", "没有待办的督办单",
                "Target '" + targetId + "' has no open supervision case. GET /api/v1/cases lists yours.",
                "目标 " + targetId + " 没有待办的督办单，本部门的督办单见 GET /api/v1/cases。")));
        if (!c.getDepartmentId().equals(departmentId)) {
            throw new ProblemException(new Problem(403, "forbidden-case", "Not your department's case",
                    "无权反馈其他部门的督办单", "Case " + c.getCaseId() + " is addressed to another department.",
                    "督办单 " + c.getCaseId() + " 不是发给本部门的。"));
        }
        if (c.getStage() != CaseStage.OPEN && c.getStage() != CaseStage.ANSWERED) {
            throw new ProblemException(new Problem(409, "case-not-awaiting-answer", "The case awaits no answer",
                    "该督办单无需反馈", "Case " + c.getCaseId() + " is " + c.getStage()
                    + ": its answer was accepted already.", "督办单 " + c.getCaseId() + " 的反馈已被采纳。"));
        }
        if (!request.errors().isEmpty()) {
            throw new ProblemException(new Problem(422, "invalid-answer", "The answer is not complete",
                    "反馈内容不完整", String.join("; ", request.errors()), String.join("；", request.errors()))
                    .with("errors", request.errors()));
        }
        var answer = request.answer();
        if (plans != null && !answer.getProposedPlan().isEmpty()) {
            answer = org.jingan.progress.avro.CaseAnswer.newBuilder(answer)
                    .setPlanSubmissionId(plans.file(c, answer.getProposedPlan())).build();
        }
        SupervisionCaseEvent step = CaseSteps.answered(c, departmentId, answer, clock.now(), wall.instant());
        try {
            writer.write(step);
        } catch (CaseWriter.CaseWriteException e) {
            throw new ProblemException(new Problem(503, "broker-unavailable", "Answer not stored, try again",
                    "暂时无法写入，请重试", e.getMessage()).withHeader("Retry-After", "5"));
        }
        return step;
    }

    @Override
    public void close() {
        writer.close();
        follower.close();
    }
}
