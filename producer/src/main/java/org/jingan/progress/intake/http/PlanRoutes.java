package org.jingan.progress.intake.http;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.apache.kafka.common.KafkaException;
import org.jingan.progress.avro.PlanSubmission;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.plans.PlanDecisionException;
import org.jingan.progress.catalog.plans.PlanProblem;
import org.jingan.progress.catalog.plans.PlanRow;
import org.jingan.progress.catalog.plans.PlanSheet;
import org.jingan.progress.catalog.plans.PlanSubmitter;
import org.jingan.progress.intake.validation.SpreadsheetText;
import org.jingan.progress.intake.validation.TargetDirectory;
import org.jingan.progress.kit.http.Problem;
import org.jingan.progress.kit.http.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A department files its own plan (分解计划) for one of its targets:
 * <ul>
 *   <li>{@code GET /api/v1/targets/{id}/plan/template.csv}: the spreadsheet to fill in, one row per checkpoint;</li>
 *   <li>{@code POST /api/v1/targets/{id}/plan}: the filled spreadsheet (text/csv, or a multipart field {@code file}),
 *       or JSON {@code {"checkpoints": [{"date", "expectedValue" | "expectedShare"}], "note"}}. 202 with the
 *       submission id once it is on the plan-submissions topic; 422 with every problem (zh/en), nothing written;
 *       403 for another department's target. An operator approves or returns it in the monitor.</li>
 * </ul>
 */
final class PlanRoutes {
    private static final Logger audit = LoggerFactory.getLogger("org.jingan.progress.intake.audit");

    private final PlanSubmitter submitter;
    private final TargetDirectory targets;
    private final RequestBodies bodies;
    private final ObjectMapper mapper;

    PlanRoutes(PlanSubmitter submitter, TargetDirectory targets, RequestBodies bodies, ObjectMapper mapper) {
        this.submitter = submitter;
        this.targets = targets;
        this.bodies = bodies;
        this.mapper = mapper;
    }

    void install(Javalin app, String api) {
        app.get(api + "/targets/{id}/plan/template.csv", this::template);
        app.post(api + "/targets/{id}/plan", this::submit);
    }

    void template(Context ctx) {
        Target target = ownTarget(ctx);
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + target.getId() + "-plan.csv\"")
                .result(PlanSheet.template(target));
    }

    void submit(Context ctx) {
        Target target = ownTarget(ctx);
        String department = department(ctx);
        List<PlanProblem> problems = new ArrayList<>();
        List<PlanRow> rows;
        String note = null;
        String channel;
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (contentType.startsWith("application/json")) {
            JsonNode body = readJson(bodies.json(ctx));
            note = body.path("note").isTextual() ? body.path("note").asText() : null;
            rows = rowsOf(body.path("checkpoints"), problems);
            channel = "CLI".equalsIgnoreCase(ctx.header(IntakeHttpApi.CHANNEL_HEADER)) ? "CLI" : "HTTP";
        } else {
            // a CSV saved by Excel in UTF-8 or GBK, as the report upload takes it
            RequestBodies.Spreadsheet sheet = bodies.spreadsheet(ctx);
            rows = PlanSheet.read(SpreadsheetText.decode(sheet.bytes(), sheet.statedCharset()).text(), problems);
            note = ctx.queryParam("note");
            channel = "SPREADSHEET";
        }
        if (!problems.isEmpty()) {
            throw invalid(target, problems);
        }
        PlanSubmission act = file(target, department, rows, note, channel);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("submissionId", act.getSubmissionId());
        answer.put("targetId", act.getTargetId());
        answer.put("state", act.getState());
        answer.put("checkpoints", act.getCheckpoints().stream().map(c -> Map.of("date", c.getDate().toString(),
                "expectedShare", c.getExpectedRatio())).toList());
        answer.put("message", "Submitted: an operator approves or returns it; until approved the target is measured"
                + " by 时序进度 (linear over its period).");
        answer.put("messageZh", "已提交，待审批；批准前该目标按时序进度衡量。");
        ctx.status(202).json(answer);
    }

    /**
     * Files a checked-out plan of {@code department}'s own {@code target}: the submission once on the topic; a 422
     * problem with every rule it breaks, or a 503 when the broker does not take it (nothing written either way).
     */
    PlanSubmission file(Target target, String department, List<PlanRow> rows, String note, String channel) {
        PlanSubmission act;
        try {
            act = submitter.submit(target, department, rows, note, channel);
        } catch (PlanDecisionException e) {
            audit.atInfo().addKeyValue("outcome", "plan-refused").addKeyValue("department", department)
                    .addKeyValue("targetId", target.getId()).addKeyValue("reason", e.getMessage()).log("plan refused");
            throw invalid(target, e.problems().isEmpty() ? List.of(new PlanProblem(0, "plan", e.getMessage(), e.messageZh()))
                    : e.problems());
        } catch (KafkaException e) {
            throw new ProblemException(new Problem(503, "broker-unavailable", "Not stored, try again", "暂时无法写入",
                    "The plan could not be stored right now (" + e.getMessage() + "); send it again.",
                    "暂时无法保存该计划，请稍后重新提交。").withHeader("Retry-After", "5"));
        }
        audit.atInfo().addKeyValue("outcome", "plan-submitted").addKeyValue("department", department)
                .addKeyValue("targetId", target.getId()).addKeyValue("submissionId", act.getSubmissionId())
                .addKeyValue("checkpoints", act.getCheckpoints().size()).addKeyValue("channel", channel)
                .log("plan submitted");
        return act;
    }

    private Target ownTarget(Context ctx) {
        String id = ctx.pathParam("id");
        Target target = targets.find(id).orElseThrow(() -> new ProblemException(new Problem(404, "not-found",
                "No such target", "没有该目标", "No target '" + id + "' in the catalog; GET /api/v1/targets lists yours.",
                "目录中没有目标 " + id + "，本部门目标见 GET /api/v1/targets。")));
        if (!target.getDepartmentId().equals(department(ctx))) {
            audit.atInfo().addKeyValue("outcome", "plan-refused").addKeyValue("department", department(ctx))
                    .addKeyValue("targetId", id).addKeyValue("reason", "another department's target").log("plan refused");
            throw new ProblemException(new Problem(403, "forbidden-target", "Not your department's target",
                    "无权提交其他部门目标的计划", "'" + id + "' belongs to another department: each department files plans"
                    + " for its own targets only.", "该目标属于其他部门，各部门只能提交本部门目标的分解计划。"));
        }
        return target;
    }

    private JsonNode readJson(byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (java.io.IOException e) {
            throw new ProblemException(new Problem(400, "malformed-json", "Malformed JSON", "JSON 格式错误",
                    "The body is not JSON: " + e.getMessage(), "请求体不是合法的 JSON。"));
        }
    }

    private static List<PlanRow> rowsOf(JsonNode checkpoints, List<PlanProblem> problems) {
        List<PlanRow> rows = new ArrayList<>();
        if (!checkpoints.isArray()) {
            problems.add(new PlanProblem(0, "checkpoints", "'checkpoints' must be an array of {date, expectedValue |"
                    + " expectedShare}", "checkpoints 须为 {date, expectedValue | expectedShare} 的数组"));
            return rows;
        }
        int line = 0;
        for (JsonNode c : checkpoints) {
            line++;
            LocalDate date = null;
            try {
                date = c.path("date").isTextual() ? LocalDate.parse(c.path("date").asText()) : null;
            } catch (DateTimeParseException e) {
                problems.add(new PlanProblem(line, "date", "'" + c.path("date").asText() + "' is not a date: write"
                        + " YYYY-MM-DD", "日期格式应为 YYYY-MM-DD"));
            }
            Double value = c.path("expectedValue").isNumber() ? c.path("expectedValue").asDouble() : null;
            Double share = c.path("expectedShare").isNumber() ? c.path("expectedShare").asDouble() : null;
            rows.add(new PlanRow(line, date, value, share));
        }
        return rows;
    }

    static ProblemException invalid(Target target, List<PlanProblem> problems) {
        return new ProblemException(new Problem(422, "plan-invalid", "The plan is not valid", "分解计划有误",
                "The plan for '" + target.getId() + "' breaks " + problems.size() + " rule(s) listed in 'errors'"
                        + " (dates inside the period, later and later, cumulative amounts that never decrease, the last"
                        + " one the whole target); nothing was submitted.",
                "「" + target.getNameZh() + "」的分解计划有 " + problems.size() + " 处错误（见 errors：日期须在期限内且递增，"
                        + "累计量不减，最后一个节点为全部目标），未提交。").with("errors", problems));
    }

    private static String department(Context ctx) {
        return ctx.attribute("intake.department");
    }
}
