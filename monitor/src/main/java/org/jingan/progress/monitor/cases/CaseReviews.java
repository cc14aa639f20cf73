package org.jingan.progress.monitor.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jingan.progress.avro.CaseStage;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.SupervisionCaseState;
import org.jingan.progress.avro.Target;
import org.jingan.progress.monitor.catalog.LiveTargets;
import org.jingan.progress.clock.DistrictClock;
import org.jingan.progress.contract.CaseFile;
import org.jingan.progress.kit.http.Problem;
import org.jingan.progress.kit.http.ProblemException;
import org.jingan.progress.supervision.CaseFollower;
import org.jingan.progress.supervision.CaseSteps;
import org.jingan.progress.supervision.CaseWriter;

/**
 * The operators' side of supervision cases: the cases as the topic made them, and the reviews (accept, return with a
 * comment, close) and openings by hand, each checked against the case as it stands (read up to now) and written as
 * the signed-in operator.
 */
public final class CaseReviews implements AutoCloseable {
    private static final Duration CATCH_UP = Duration.ofSeconds(5);

    private final CaseFollower follower;
    private final CaseWriter writer;
    private final DistrictClock clock;
    private final Clock wall;
    private final LiveTargets catalog;

    public CaseReviews(CaseFollower follower, CaseWriter writer, DistrictClock clock, Clock wall, LiveTargets catalog) {
        this.follower = follower;
        this.writer = writer;
        this.clock = clock;
        this.wall = wall;
        this.catalog = catalog;
    }

    /** Starts following the topic: waits up to {@code timeout} for the steps written so far. */
    public CaseReviews start(Duration timeout) {
        follower.start(timeout);
        return this;
    }

    public LocalDate today() {
        return clock.today();
    }

    public boolean healthy() {
        return follower.healthy();
    }

    /** Every target's current case (closed ones too), latest opened first. */
    public List<SupervisionCaseState> all() {
        follower.catchUp(CATCH_UP);
        return follower.book().all(true);
    }

    public Optional<SupervisionCaseState> current(String targetId) {
        follower.catchUp(CATCH_UP);
        return follower.book().current(targetId);
    }

    public SupervisionCaseEvent accept(String targetId, String operator, String note) {
        SupervisionCaseState c = answered(targetId);
        return write(CaseSteps.accepted(c, operator, note, clock.now(), wall.instant()));
    }

    /** Returns the answer with a comment: the department has the full answer time again from today. */
    public SupervisionCaseEvent returnAnswer(String targetId, String operator, String comment) {
        if (comment == null || comment.isBlank()) {
            throw new ProblemException(new Problem(400, "bad-request", "Bad request", "请求有误",
                    "A returned answer needs a comment saying what is missing: {\"note\": \"...\"}"));
        }
        SupervisionCaseState c = answered(targetId);
        return write(CaseSteps.returned(c, operator, comment, clock.now(), wall.instant(), today(),
                CaseSteps.DEFAULT_ANSWER_WORKING_DAYS));
    }

    public SupervisionCaseEvent close(String targetId, String operator, String note) {
        SupervisionCaseState c = open(targetId);
        return write(CaseSteps.closed(c, operator, note, clock.now(), wall.instant()));
    }

    /** Opens a case by hand on a target of the catalog (added to the open case, if one is open). */
    public SupervisionCaseEvent openByHand(String targetId, String operator, String note) {
        Target target = catalog.find(targetId).orElseThrow(() -> new ProblemException(new Problem(404, "not-found",
                "Not found", "未找到", "No target '" + targetId + "' in the catalog")));
        if (note == null || note.isBlank()) {
            throw new ProblemException(new Problem(400, "bad-request", "Bad request", "请求有误",
                    "Opening a case by hand needs a note saying why: {\"note\": \"...\"}"));
        }
        SupervisionCaseState last = current(targetId).orElse(null);
        return write(CaseSteps.openedByHand(targetId, target.getDepartmentId(), target.getNameZh(),
                target.getNameEn(), last, operator, note, clock.now(), wall.instant(), today(),
                CaseSteps.DEFAULT_ANSWER_WORKING_DAYS));
    }

    private SupervisionCaseState open(String targetId) {
        return current(targetId).filter(CaseFile::isOpen).orElseThrow(() -> new ProblemException(new Problem(404,
                "no-open-case", "No open supervision case", "没有待办的督办单",
                "Target '" + targetId + "' has no open supervision case")));
    }

    private SupervisionCaseState answered(String targetId) {
        SupervisionCaseState c = open(targetId);
        if (c.getStage() != CaseStage.ANSWERED) {
            throw new ProblemException(new Problem(409, "case-not-answered", "No answer to review",
                    "没有待审核的反馈", "Case " + c.getCaseId() + " is " + c.getStage()
                    + ": only an answer waiting for review can be accepted or returned"));
        }
        return c;
    }

    private SupervisionCaseEvent write(SupervisionCaseEvent step) {
        try {
            writer.write(step);
        } catch (CaseWriter.CaseWriteException e) {
            throw new ProblemException(new Problem(503, "unavailable", "Not available yet", "暂不可用",
                    "The step was not stored: " + e.getMessage()));
        }
        follower.catchUp(CATCH_UP); // the answer shows the case with this step
        return step;
    }

    @Override
    public void close() {
        writer.close();
        follower.close();
    }
}
