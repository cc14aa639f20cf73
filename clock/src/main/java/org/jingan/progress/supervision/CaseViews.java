package org.jingan.progress.supervision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jingan.progress.avro.CaseAnswer;
import org.jingan.progress.avro.PlanCheckpoint;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.SupervisionCaseState;
import org.jingan.progress.contract.CaseFile;

/** A case as JSON answers show it (plain maps, ISO dates and instants), with {@code overdue} on the clock's date. */
public final class CaseViews {
    private CaseViews() {
    }

    public static Map<String, Object> of(SupervisionCaseState c, LocalDate today) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caseId", c.getCaseId());
        m.put("targetId", c.getTargetId());
        m.put("nameZh", c.getNameZh());
        m.put("nameEn", c.getNameEn());
        m.put("departmentId", c.getDepartmentId());
        m.put("stage", c.getStage().name());
        m.put("overdue", CaseFile.isOverdue(c, today));
        m.put("conditions", List.copyOf(c.getConditions()));
        m.put("openedAt", c.getOpenedAt().toString());
        m.put("answerDueBy", str(c.getAnswerDueBy()));
        m.put("answeredAt", str(c.getAnsweredAt()));
        m.put("answer", answer(c.getAnswer()));
        m.put("returnedCount", c.getReturnedCount());
        m.put("escalations", c.getEscalations());
        m.put("closedAt", str(c.getClosedAt()));
        m.put("closedBy", c.getClosedBy());
        List<Map<String, Object>> events = new ArrayList<>();
        for (SupervisionCaseEvent e : c.getEvents()) {
            events.add(event(e));
        }
        m.put("events", events);
        return m;
    }

    public static Map<String, Object> event(SupervisionCaseEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", e.getEventId());
        m.put("caseId", e.getCaseId());
        m.put("targetId", e.getTargetId());
        m.put("departmentId", e.getDepartmentId());
        m.put("type", e.getType().name());
        m.put("conditions", List.copyOf(e.getConditions()));
        m.put("by", e.getBy());
        m.put("clockTime", e.getClockTime().toString());
        m.put("wallTime", e.getWallTime().toString());
        m.put("text", e.getText());
        m.put("answerDueBy", str(e.getAnswerDueBy()));
        m.put("answer", answer(e.getAnswer()));
        return m;
    }

    private static Map<String, Object> answer(CaseAnswer a) {
        if (a == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reason", a.getReason());
        m.put("measures", a.getMeasures());
        m.put("expectedCatchUp", str(a.getExpectedCatchUp()));
        List<Map<String, Object>> plan = new ArrayList<>();
        for (PlanCheckpoint p : a.getProposedPlan()) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("date", p.getDate().toString());
            point.put("expectedCumulative", p.getExpectedCumulative());
            plan.add(point);
        }
        m.put("proposedPlan", plan);
        m.put("planSubmissionId", a.getPlanSubmissionId()); // decided at the monitor's plans page
        return m;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
