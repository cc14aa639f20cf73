package org.jingan.progress.monitor.cases;

import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import org.jingan.progress.avro.CaseStage;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.SupervisionCaseState;
import org.jingan.progress.contract.CaseFile;
import org.jingan.progress.kit.http.Problem;
import org.jingan.progress.kit.http.ProblemException;
import org.jingan.progress.monitor.auth.Role;
import org.jingan.progress.monitor.web.DepartmentNames;
import org.jingan.progress.supervision.CaseViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's supervision cases (督办单):
 * <pre>
 * GET  /api/cases?view=open|waiting|overdue|review|all&department=   cases with counts per view and per department
 * GET  /api/cases/{targetId}            the target's current case with its timeline
 * POST /api/cases/{targetId}/accept     (operator) accept the answer; body {"note"} optional
 * POST /api/cases/{targetId}/return     (operator) return the answer; body {"note": comment} required; deadline restarts
 * POST /api/cases/{targetId}/close      (operator) close the case; body {"note"} optional
 * POST /api/cases/{targetId}/open       (operator) open a case by hand; body {"note"} required
 * </pre>
 * Views: open (every open case), waiting (waiting for the department's answer, within its deadline), overdue
 * (waiting past it), review (answered, waiting for an operator), all (closed ones too).
 */
public final class CaseRoutes {
    private static final Logger log = LoggerFactory.getLogger(CaseRoutes.class);
    static final List<String> VIEWS = List.of("open", "waiting", "overdue", "review", "all");

    private final CaseReviews reviews;
    private final DepartmentNames departments;
    private final ObjectMapper json;
    private final Function<Context, String> signedIn;
    private final Runnable changed;

    public CaseRoutes(CaseReviews reviews, DepartmentNames departments, ObjectMapper json,
                      Function<Context, String> signedIn, Runnable changed) {
        this.reviews = reviews;
        this.departments = departments;
        this.json = json;
        this.signedIn = signedIn;
        this.changed = changed;
    }

    public void register(Javalin app) {
        app.get("/api/cases", this::list, Role.VIEWER);
        app.get("/api/cases/{targetId}", ctx -> ctx.json(view(reviews.current(ctx.pathParam("targetId"))
                .orElseThrow(() -> new ProblemException(new Problem(404, "no-open-case", "No supervision case",
                        "没有督办单", "Target '" + ctx.pathParam("targetId") + "' never had a case"))),
                reviews.today())), Role.VIEWER);
        app.post("/api/cases/{targetId}/accept", ctx -> act(ctx, "accepted",
                (target, by, note) -> reviews.accept(target, by, note)), Role.OPERATOR);
        app.post("/api/cases/{targetId}/return", ctx -> act(ctx, "returned",
                (target, by, note) -> reviews.returnAnswer(target, by, note)), Role.OPERATOR);
        app.post("/api/cases/{targetId}/close", ctx -> act(ctx, "closed",
                (target, by, note) -> reviews.close(target, by, note)), Role.OPERATOR);
        app.post("/api/cases/{targetId}/open", ctx -> act(ctx, "opened",
                (target, by, note) -> reviews.openByHand(target, by, note)), Role.OPERATOR);
    }

    private interface Action {
        SupervisionCaseEvent apply(String targetId, String operator, String note);
    }

    private void act(Context ctx, String what, Action action) {
        String targetId = ctx.pathParam("targetId");
        String by = signedIn.apply(ctx);
        SupervisionCaseEvent step = action.apply(targetId, by, note(ctx));
        log.info("{} {} supervision case {} ({})", by, what, step.getCaseId(), step.getEventId());
        changed.run();
        ctx.json(view(reviews.current(targetId).orElseThrow(), reviews.today()));
    }

    private void list(Context ctx) {
        String view = ctx.queryParam("view") == null ? "open" : ctx.queryParam("view");
        if (!VIEWS.contains(view)) {
            throw new BadRequestResponse("view must be one of " + VIEWS + ", got '" + view + "'");
        }
        String department = ctx.queryParam("department");
        LocalDate today = reviews.today();
        List<SupervisionCaseState> all = reviews.all();
        Map<String, Integer> counts = new LinkedHashMap<>();
        VIEWS.forEach(v -> counts.put(v, 0));
        Map<String, Map<String, Object>> byDepartment = new LinkedHashMap<>();
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (SupervisionCaseState c : all) {
            for (String v : VIEWS) {
                if (in(c, v, today)) {
                    counts.merge(v, 1, Integer::sum);
                }
            }
            if (CaseFile.isOpen(c)) {
                Map<String, Object> d = byDepartment.computeIfAbsent(c.getDepartmentId(), id -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("departmentZh", departments.zh(id));
                    m.put("departmentEn", departments.en(id));
                    m.put("open", 0);
                    m.put("overdue", 0);
                    return m;
                });
                d.merge("open", 1, (a, b) -> (Integer) a + (Integer) b);
                if (CaseFile.isOverdue(c, today)) {
                    d.merge("overdue", 1, (a, b) -> (Integer) a + (Integer) b);
                }
            }
            if (in(c, view, today) && (department == null || department.equals(c.getDepartmentId()))) {
                items.add(view(c, today));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", today.toString());
        body.put("view", view);
        body.put("counts", counts);
        body.put("byDepartment", byDepartment);
        body.put("count", items.size());
        body.put("items", items);
        ctx.json(body);
    }

    static boolean in(SupervisionCaseState c, String view, LocalDate today) {
        return switch (view) {
            case "open" -> CaseFile.isOpen(c);
            case "waiting" -> c.getStage() == CaseStage.OPEN && !CaseFile.isOverdue(c, today);
            case "overdue" -> CaseFile.isOverdue(c, today);
            case "review" -> c.getStage() == CaseStage.ANSWERED;
            default -> true;
        };
    }

    private Map<String, Object> view(SupervisionCaseState c, LocalDate today) {
        Map<String, Object> m = CaseViews.of(c, today);
        m.put("departmentZh", departments.zh(c.getDepartmentId()));
        m.put("departmentEn", departments.en(c.getDepartmentId()));
        return m;
    }

    private String note(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            JsonNode note = node == null ? null : node.path("note");
            return note == null || !note.isTextual() || note.asText().isBlank() ? null : note.asText().strip();
        } catch (IOException e) {
            throw new BadRequestResponse("Body must be JSON like {\"note\": \"请补充整改时间表\"}: " + e.getMessage());
        }
    }
}
