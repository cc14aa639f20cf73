package org.jingan.progress.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jingan.progress.avro.CaseAnswer;
import org.jingan.progress.avro.CaseEventType;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.SupervisionCaseState;
import org.jingan.progress.clock.WorkingDays;
import org.jingan.progress.contract.CaseFile;

/**
 * The steps people take on a case (a department's answer, an operator's review or opening by hand), each with a new
 * id, who, and when on the district clock ({@code clockNow}) and the wall clock ({@code wallNow}).
 */
public final class CaseSteps {
    /** Working days a department has to answer, by default (also after a return). */
    public static final int DEFAULT_ANSWER_WORKING_DAYS = 5;

    private CaseSteps() {
    }

    /** Who a department's answer is by. */
    public static String departmentActor(String departmentId) {
        return "department:" + departmentId;
    }

    public static SupervisionCaseEvent answered(SupervisionCaseState c, String departmentId, CaseAnswer answer,
                                                Instant clockNow, Instant wallNow) {
        return step(c, CaseEventType.ANSWERED, departmentActor(departmentId), "", clockNow, wallNow)
                .setDepartmentId(departmentId).setAnswer(answer).build();
    }

    /** Returned with a comment: the department has {@code workingDays} again from the clock's date. */
    public static SupervisionCaseEvent returned(SupervisionCaseState c, String operator, String comment,
                                                Instant clockNow, Instant wallNow, LocalDate today, int workingDays) {
        return step(c, CaseEventType.RETURNED, operator, comment, clockNow, wallNow)
                .setAnswerDueBy(WorkingDays.china().plus(today, workingDays)).build();
    }

    public static SupervisionCaseEvent accepted(SupervisionCaseState c, String operator, String note,
                                                Instant clockNow, Instant wallNow) {
        return step(c, CaseEventType.ACCEPTED, operator, note, clockNow, wallNow).build();
    }

    public static SupervisionCaseEvent closed(SupervisionCaseState c, String operator, String note,
                                              Instant clockNow, Instant wallNow) {
        return step(c, CaseEventType.CLOSED, operator, note, clockNow, wallNow).build();
    }

    /** An operator opens a case by hand (the streams app adds it to the open case if one opened meanwhile). */
    public static SupervisionCaseEvent openedByHand(String targetId, String departmentId, String nameZh, String nameEn,
                                                    SupervisionCaseState last, String operator, String note,
                                                    Instant clockNow, Instant wallNow, LocalDate today,
                                                    int workingDays) {
        int number = last == null ? 1 : last.getCaseNumber() + 1;
        return SupervisionCaseEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setCaseId(CaseFile.caseId(targetId, number)).setTargetId(targetId).setDepartmentId(departmentId)
                .setType(CaseEventType.OPENED).setConditions(List.of(CaseFile.MANUAL)).setBy(operator)
                .setClockTime(clockNow).setWallTime(wallNow).setText(note)
                .setAnswerDueBy(WorkingDays.china().plus(today, workingDays)).setNameZh(nameZh).setNameEn(nameEn)
                .build();
    }

    private static SupervisionCaseEvent.Builder step(SupervisionCaseState c, CaseEventType type, String by, String text,
                                                     Instant clockNow, Instant wallNow) {
        return SupervisionCaseEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setCaseId(c.getCaseId())
                .setTargetId(c.getTargetId()).setDepartmentId(c.getDepartmentId()).setType(type).setBy(by)
                .setClockTime(clockNow).setWallTime(wallNow).setText(text == null ? "" : text);
    }
}
