package org.jingan.progress.contract;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jingan.progress.avro.CaseEventType;
import org.jingan.progress.avro.CaseStage;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.SupervisionCaseState;

/**
 * What a step does to a supervision case: one fold shared by every reader of the supervision-cases topic (the streams
 * app's store, the intake's and the monitor's views), so they agree on what a case is. A step the case cannot take
 * (an answer to a closed case, a review of an unanswered one, a step of another case) is refused: {@link #apply}
 * returns null and the case stays as it was. A step already applied (same eventId) is refused too.
 */
public final class CaseFile {
    /** Who the streams app's own steps are by. */
    public static final String STREAMS_APP = "streams-app";
    /** The condition of a case an operator opened by hand. */
    public static final String MANUAL = "MANUAL";

    private CaseFile() {
    }

    /** The case number of {@code caseId} (targetId#n). */
    public static int caseNumber(String caseId) {
        int hash = caseId.lastIndexOf('#');
        return hash < 0 ? 0 : Integer.parseInt(caseId.substring(hash + 1));
    }

    public static String caseId(String targetId, int number) {
        return targetId + "#" + number;
    }

    /** Whether the case is open (not closed). */
    public static boolean isOpen(SupervisionCaseState c) {
        return c != null && c.getStage() != CaseStage.CLOSED;
    }

    /** Whether an open case waits for an answer past its deadline on {@code today}. */
    public static boolean isOverdue(SupervisionCaseState c, LocalDate today) {
        return c != null && c.getStage() == CaseStage.OPEN && c.getAnswerDueBy() != null
                && today.isAfter(c.getAnswerDueBy());
    }

    /** Whether the step was applied to the case already. */
    public static boolean contains(SupervisionCaseState c, String eventId) {
        if (c == null) {
            return false;
        }
        for (SupervisionCaseEvent e : c.getEvents()) {
            if (e.getEventId().equals(eventId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The case after {@code e}, or null if the case cannot take it. {@code current} is the target's current case
     * (null if it never had one): a new case opens only when it is closed or absent.
     */
    public static SupervisionCaseState apply(SupervisionCaseState current, SupervisionCaseEvent e) {
        if (e.getType() == CaseEventType.OPENED) {
            if (isOpen(current)) {
                return null;
            }
            int number = current == null ? 1 : current.getCaseNumber() + 1;
            if (caseNumber(e.getCaseId()) != number) {
                return null;
            }
            SupervisionCaseState opened = SupervisionCaseState.newBuilder().setCaseId(e.getCaseId())
                    .setCaseNumber(number).setTargetId(e.getTargetId()).setDepartmentId(e.getDepartmentId())
                    .setNameZh(e.getNameZh()).setNameEn(e.getNameEn()).setStage(CaseStage.OPEN)
                    .setConditions(new ArrayList<>(e.getConditions())).setOpenedAt(e.getClockTime())
                    .setAnswerDueBy(e.getAnswerDueBy()).setEvents(new ArrayList<>(List.of(e))).build();
            return opened;
        }
        if (!isOpen(current) || !current.getCaseId().equals(e.getCaseId()) || contains(current, e.getEventId())) {
            return null;
        }
        SupervisionCaseState next = SupervisionCaseState.newBuilder(current).build();
        switch (e.getType()) {
            case CONDITION_ADDED -> {
                List<String> conditions = new ArrayList<>(next.getConditions());
                conditions.addAll(e.getConditions());
                next.setConditions(conditions);
            }
            case ANSWERED -> {
                if (e.getAnswer() == null || !e.getDepartmentId().equals(current.getDepartmentId())
                        || (current.getStage() != CaseStage.OPEN && current.getStage() != CaseStage.ANSWERED)) {
                    return null;
                }
                next.setStage(CaseStage.ANSWERED);
                next.setAnswer(e.getAnswer());
                next.setAnsweredAt(e.getClockTime());
            }
            case RETURNED -> {
                if (current.getStage() != CaseStage.ANSWERED || e.getAnswerDueBy() == null) {
                    return null;
                }
                next.setStage(CaseStage.OPEN);
                next.setAnswerDueBy(e.getAnswerDueBy());
                next.setReturnedCount(current.getReturnedCount() + 1);
            }
            case ACCEPTED -> {
                if (current.getStage() != CaseStage.ANSWERED) {
                    return null;
                }
                next.setStage(CaseStage.ACCEPTED);
            }
            case REMINDED -> {
                // a reminder changes nothing but the timeline
            }
            case ESCALATED -> {
                next.setEscalatedFor(current.getAnswerDueBy());
                next.setEscalations(current.getEscalations() + 1);
            }
            case CLOSED -> {
                next.setStage(CaseStage.CLOSED);
                next.setClosedAt(e.getClockTime());
                next.setClosedBy(e.getBy());
            }
            default -> {
                return null;
            }
        }
        List<SupervisionCaseEvent> events = new ArrayList<>(next.getEvents());
        events.add(e);
        next.setEvents(events);
        return next;
    }
}
