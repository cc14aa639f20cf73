package org.jingan.progress.monitor.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import org.apache.kafka.common.KafkaException;
import org.jingan.progress.avro.PlanSubmission;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.CatalogPublisher;
import org.jingan.progress.catalog.plans.PlanApproval;
import org.jingan.progress.catalog.plans.PlanDecisionException;
import org.jingan.progress.catalog.plans.PlanLedger;
import org.jingan.progress.contract.PlanSource;
import org.jingan.progress.contract.UnitNames;
import org.jingan.progress.kit.http.Problem;
import org.jingan.progress.kit.http.ProblemException;
import org.jingan.progress.monitor.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The departments' plans in the console: viewers see what waits and what was decided; an operator approves a plan
 * (it becomes the target's pace plan from today, a catalog revision naming them) or returns it with a comment. The
 * operator is who signed in, never a name from the body; every decision is logged and recorded on plan-submissions.
 *
 * <pre>
 * GET  /plans                               the page (zh, en switch)
 * GET  /api/plans                           {"pending": [...], "decided": [...]} with each target's plan in force
 * POST /api/plans/{submissionId}/approve    body {"comment"} optional
 * POST /api/plans/{submissionId}/return     body {"comment"} required
 * </pre>
 */
public final class PlanDesk {
    private static final Logger log = LoggerFactory.getLogger(PlanDesk.class);

    private final PlanApproval approval;
    private final CatalogPublisher catalog;
    private final ObjectMapper json;
    private final String page;

    public PlanDesk(PlanApproval approval, CatalogPublisher catalog, ObjectMapper json, String page) {
        this.approval = approval;
        this.catalog = catalog;
        this.json = json;
        this.page = page;
    }

    public void install(Javalin app) {
        app.get("/plans", ctx -> ctx.html(page), Role.VIEWER);
        app.get("/api/plans", this::list, Role.VIEWER);
        app.post("/api/plans/{submissionId}/approve", this::approve, Role.OPERATOR);
        app.post("/api/plans/{submissionId}/return", this::returnPlan, Role.OPERATOR);
    }

    private void list(Context ctx) {
        PlanLedger ledger = approval.ledger();
        Map<String, Target> targets = catalog.readPublished();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pending", ledger.pending().stream().map(s -> view(s, targets.get(s.getTargetId()))).toList());
        body.put("decided", ledger.latestActs().stream().filter(s -> !PlanLedger.SUBMITTED.equals(s.getState()))
                .map(s -> view(s, targets.get(s.getTargetId()))).toList());
        ctx.json(body);
    }

    private void approve(Context ctx) {
        String operator = signedIn(ctx);
        String id = ctx.pathParam("submissionId");
        try {
            PlanApproval.Approved approved = approval.approve(id, operator, comment(ctx));
            log.info("{} approved plan {} of {} for {}: revision {}", operator, id,
                    approved.act().getDepartmentId(), approved.act().getTargetId(), approved.revision().getRevision());
            ctx.json(view(approved.act(), approved.revision()));
        } catch (KafkaException e) {
            throw unavailable(e);
        } catch (PlanDecisionException e) {
            throw refused(e);
        }
    }

    private void returnPlan(Context ctx) {
        String operator = signedIn(ctx);
        String id = ctx.pathParam("submissionId");
        try {
            PlanSubmission returned = approval.returnPlan(id, operator, comment(ctx));
            log.info("{} returned plan {} of {} for {}: {}", operator, id, returned.getDepartmentId(),
                    returned.getTargetId(), returned.getComment());
            ctx.json(view(returned, null));
        } catch (KafkaException e) {
            throw unavailable(e);
        } catch (PlanDecisionException e) {
            throw refused(e);
        }
    }

    private static Map<String, Object> view(PlanSubmission s, Target target) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("submissionId", s.getSubmissionId());
        v.put("targetId", s.getTargetId());
        v.put("departmentId", s.getDepartmentId());
        v.put("state", s.getState());
        v.put("channel", s.getChannel());
        v.put("actor", s.getActor());
        v.put("actedAt", s.getActedAt().toString());
        v.put("note", s.getNote());
        v.put("comment", s.getComment());
        v.put("targetRevision", s.getTargetRevision());
        v.put("checkpoints", s.getCheckpoints().stream().map(c -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("date", c.getDate().toString());
            p.put("expectedShare", c.getExpectedRatio());
            p.put("expectedValue", c.getExpectedValue());
            return p;
        }).toList());
        if (target != null) {
            v.put("nameZh", target.getNameZh());
            v.put("nameEn", target.getNameEn());
            v.put("departmentZh", target.getDepartmentZh());
            v.put("departmentEn", target.getDepartmentEn());
            v.put("unit", target.getUnit());
            v.put("unitEn", UnitNames.english(target.getUnit()));
            v.put("targetValue", target.getTargetValue());
            v.put("deadline", target.getDeadline().toString());
            PlanSource source = PlanSource.of(target);
            v.put("planInForceZh", source.zh());
            v.put("planInForceEn", source.en());
        }
        return v;
    }

    private String comment(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node.path("comment").isTextual() ? node.path("comment").asText() : null;
        } catch (IOException e) {
            throw new BadRequestResponse("Body must be JSON like {\"comment\": \"请按季度分解\"}: " + e.getMessage());
        }
    }

    private static String signedIn(Context ctx) {
        Caller caller = AccessFilter.caller(ctx);
        if (caller == null) {
            throw new IllegalStateException("A decision reached its handler without a signed-in operator");
        }
        return caller.operator().name();
    }

    private static ProblemException refused(PlanDecisionException e) {
        int status = switch (e.reason()) {
            case UNKNOWN_SUBMISSION, UNKNOWN_TARGET -> 404;
            case NOT_PENDING -> 409;
            case INVALID -> 422;
            case COMMENT_REQUIRED -> 400;
        };
        return new ProblemException(new Problem(status, "plan-decision", "The plan cannot be decided", "无法审批该计划",
                e.getMessage(), e.messageZh()).with("reason", e.reason().name()).with("errors", e.problems()));
    }

    private static ProblemException unavailable(KafkaException e) {
        return new ProblemException(new Problem(503, "unavailable", "Not available now", "暂不可用",
                "Kafka did not take the decision (" + e.getMessage() + "); nothing may have changed: reload and try again.",
                "暂时无法写入，请刷新后重试。"));
    }
}
