package org.jingan.progress.intake.cases;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jingan.progress.avro.CaseAnswer;
import org.jingan.progress.avro.PlanCheckpoint;

/**
 * A department's answer to a supervision case as sent (JSON {@code reason}, {@code measures},
 * {@code expectedCatchUp} "yyyy-MM-dd", optional {@code proposedPlan} [{date, expectedCumulative}]), checked: every
 * problem is listed in {@link #errors()}, in English and Chinese.
 */
public record AnswerRequest(CaseAnswer answer, List<String> errors) {
    public static final int MAX_TEXT = 2000;
    public static final int MAX_PLAN_POINTS = 24;

    public static AnswerRequest read(JsonNode body, LocalDate today) {
        List<String> errors = new ArrayList<>();
        String reason = text(body, "reason", "原因", errors);
        String measures = text(body, "measures", "整改措施", errors);
        LocalDate expected = null;
        JsonNode e = body.path("expectedCatchUp");
        if (e.isMissingNode() || e.isNull() || e.asText().isBlank()) {
            errors.add("expectedCatchUp: when the target is expected back on pace (yyyy-MM-dd) is required / 预计赶上进度日期必填");
        } else {
            expected = date(e.asText(), "expectedCatchUp", errors);
            if (expected != null && expected.isBefore(today)) {
                errors.add("expectedCatchUp: " + expected + " is before today (" + today + ") / 预计日期早于今天");
            }
        }
        List<PlanCheckpoint> plan = new ArrayList<>();
        JsonNode p = body.path("proposedPlan");
        if (!p.isMissingNode() && !p.isNull()) {
            if (!p.isArray() || p.size() > MAX_PLAN_POINTS) {
                errors.add("proposedPlan: a list of at most " + MAX_PLAN_POINTS
                        + " {date, expectedCumulative} points / 建议进度计划须为不超过 24 个节点的列表");
            } else {
                LocalDate previous = null;
                for (int i = 0; i < p.size(); i++) {
                    JsonNode point = p.get(i);
                    LocalDate d = date(point.path("date").asText(""), "proposedPlan[" + i + "].date", errors);
                    JsonNode amount = point.path("expectedCumulative");
                    if (!amount.isNumber() || !Double.isFinite(amount.asDouble()) || amount.asDouble() < 0) {
                        errors.add("proposedPlan[" + i + "].expectedCumulative: a number, zero or more / 须为非负数");
                        continue;
                    }
                    if (d != null && previous != null && !d.isAfter(previous)) {
                        errors.add("proposedPlan[" + i + "].date: dates must ascend / 日期须递增");
                    }
                    if (d != null) {
                        previous = d;
                        plan.add(new PlanCheckpoint(d, amount.asDouble()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            return new AnswerRequest(null, List.copyOf(errors));
        }
        return new AnswerRequest(new CaseAnswer(reason, measures, expected, plan, null), List.of());
    }

    private static String text(JsonNode body, String field, String zh, List<String> errors) {
        String value = body.path(field).isTextual() ? body.path(field).asText().strip() : "";
        if (value.isEmpty()) {
            errors.add(field + ": required text / " + zh + "必填");
        } else if (value.length() > MAX_TEXT) {
            errors.add(field + ": at most " + MAX_TEXT + " characters / " + zh + "不超过 " + MAX_TEXT + " 字");
        } else if (value.codePoints().anyMatch(cp -> Character.isISOControl(cp) && cp != '\n' && cp != '\t')) {
            errors.add(field + ": control characters are not allowed / " + zh + "含有控制字符");
        }
        return value;
    }

    private static LocalDate date(String text, String field, List<String> errors) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException ex) {
            errors.add(field + ": '" + text + "' is not a date yyyy-MM-dd / 日期格式应为 yyyy-MM-dd");
            return null;
        }
    }
}
