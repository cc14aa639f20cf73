package org.jingan.progress.intake.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jingan.progress.avro.Target;
import org.jingan.progress.contract.UnitNames;
import org.jingan.progress.intake.auth.ApiKeys;
import org.jingan.progress.intake.service.DepartmentReports;
import org.jingan.progress.intake.service.IntakeAudit;
import org.jingan.progress.intake.service.IntakeResult;
import org.jingan.progress.intake.service.Submission;
import org.jingan.progress.intake.validation.FieldError;
import org.jingan.progress.intake.validation.ReportRequest;
import org.jingan.progress.intake.validation.ReportRow;
import org.jingan.progress.intake.validation.ReportValidator;
import org.jingan.progress.intake.validation.ReportValidator.DuplicateRule;
import org.jingan.progress.intake.validation.SpreadsheetReader;
import org.jingan.progress.intake.validation.Violation;
import org.jingan.progress.kit.http.Problem;
import org.jingan.progress.kit.http.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The departments' own page, served by the intake at {@value #PAGE} (Chinese by default, {@code ?lang=en}): sign in
 * with the department key (exchanged for a session cookie, HttpOnly and SameSite=Strict; the key is never kept nor
 * put in a URL or the browser's storage), see one's targets with their standing and last reports, report through a
 * form, retract one's own report, upload a spreadsheet (.xlsx or CSV in UTF-8 or GBK) after a preview.
 *
 * <pre>
 * GET    /department                       the page (static: HTML, CSS and JS from the intake, no CDN)
 * POST   /department/session               {"key"}: sets the cookie, answers {department, names, csrfToken}
 * GET    /department/session               who is signed in (+ csrfToken); 401 if nobody
 * DELETE /department/session               signs out
 * GET    /department/api/overview          own targets with standing (from the streams app), last reports, today
 * GET    /department/api/targets/{id}/history  the burn-up data of an own target (from the streams app)
 * POST   /department/api/reports/check     one report checked, nothing stored: {errors}
 * POST   /department/api/reports           one report (Idempotency-Key per form render): as POST /api/v1/reports
 * POST   /department/api/retractions       {eventId, reason, reporter}: a CORRECTION retracting an own report
 * POST   /department/api/upload/preview    a spreadsheet read and checked, nothing stored: {rows, errors}
 * POST   /department/api/upload            the same file stored, all or nothing: as POST /api/v1/reports/upload
 * GET    /department/template.xlsx         the spreadsheet to fill in
 * GET    /department/api/cases             the department's open supervision cases: as GET /api/v1/cases
 * POST   /department/api/cases/{targetId}/answer  an answer to one: as POST /api/v1/cases/{targetId}/answer
 * GET    /department/api/targets/{id}/plan/template.csv  the plan to fill in: as the API's
 * POST   /department/api/targets/{id}/plan a filled plan (CSV or JSON): as POST /api/v1/targets/{id}/plan
 * </pre>
 * Every change needs the session's CSRF token in {@code X-CSRF-Token} and must not come from another site; every
 * request counts against the department's rate limit, as with the key.
 */
public final class DepartmentPage {
    private static final Logger log = LoggerFactory.getLogger(DepartmentPage.class);
    public static final String PAGE = "/department";
    static final String COOKIE = "intake_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SESSION = "department.session";
    private static final Map<String, String> ASSETS = Map.of("app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8", "units.js", "text/javascript; charset=utf-8");
    /** Static, same origin only: no inline script, no CDN. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final int RECENT_REPORTS = 60;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SignIn(String key) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Retraction(String eventId, String reason, String reporter) {
    }

    private final IntakeHttpApi api;
    private final DepartmentReports reports;
    private final StandingsReader standings;
    private final Supplier<LocalDate> today;
    private final DepartmentSessions sessions;
    private final Map<String, byte[]> assets = new HashMap<>();

    /**
     * @param standingsUrl the streams app's public query API, read server-side; null: the page shows no standing
     * @param today        the district clock's today (after reading the ticks written so far)
     */
    public DepartmentPage(IntakeHttpApi api, DepartmentReports reports, String standingsUrl, Supplier<LocalDate> today) {
        this.api = api;
        this.reports = reports;
        this.standings = new StandingsReader(standingsUrl, api.mapper());
        this.today = today;
        this.sessions = new DepartmentSessions(Clock.systemUTC());
        assets.put("page", resource("department.html"));
        ASSETS.keySet().stream().filter(name -> !name.equals("units.js")).forEach(name -> assets.put(name, resource(name)));
        assets.put("units.js", unitsScript(api.mapper()));
    }

    public void addRoutes(Javalin app) {
        app.before(PAGE + "/api/*", this::requireSession);
        app.get(PAGE, ctx -> page(ctx, "page", "text/html; charset=utf-8"));
        app.get(PAGE + "/assets/{name}", ctx -> {
            String name = ctx.pathParam("name");
            if (!ASSETS.containsKey(name)) {
                throw new ProblemException(Problems.notFound(ctx.path()));
            }
            page(ctx, name, ASSETS.get(name));
        });
        app.post(PAGE + "/session", this::signIn);
        app.get(PAGE + "/session", this::whoAmI);
        app.delete(PAGE + "/session", this::signOut);
        app.get(PAGE + "/template.xlsx", ctx -> {
            DepartmentSessions.Session session = sessionOf(ctx);
            ctx.contentType(RequestContentType.XLSX)
                    .header("Content-Disposition", "attachment; filename=\"" + session.department() + "-progress.xlsx\"")
                    .header("Cache-Control", "no-store")
                    .result(TemplateWorkbook.of(api.targets().ofDepartment(session.department())));
        });
        app.get(PAGE + "/api/overview", this::overview);
        app.get(PAGE + "/api/targets/{id}/history", this::history);
        app.post(PAGE + "/api/reports/check", this::checkReport);
        app.post(PAGE + "/api/reports", this::postReport);
        app.post(PAGE + "/api/retractions", this::retract);
        app.post(PAGE + "/api/upload/preview", this::previewUpload);
        app.post(PAGE + "/api/upload", this::upload);
        // 督办 and the department's plan: the API's own handlers, acting as the session's department
        app.get(PAGE + "/api/cases", api::getCases);
        app.post(PAGE + "/api/cases/{targetId}/answer", api::postAnswer);
        app.get(PAGE + "/api/targets/{id}/plan/template.csv", ctx -> api.planRoutes().template(ctx));
        app.post(PAGE + "/api/targets/{id}/plan", ctx -> api.planRoutes().submit(ctx));
    }

    private void page(Context ctx, String name, String type) {
        ctx.header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-cache")
                .contentType(type).result(assets.get(name));
    }

    // --- signing in -----------------------------------------------------------------------------------------------

    private void signIn(Context ctx) {
        refuseCrossSite(ctx);
        SignIn form;
        try {
            form = api.mapper().readValue(ctx.bodyAsBytes(), SignIn.class);
        } catch (IOException e) {
            form = null;
        }
        String key = form == null || form.key() == null ? "" : form.key().strip();
        var department = api.credentials().departmentFor(key);
        if (department.isEmpty()) {
            IntakeAudit.requestRefused(null, "WEB", ctx.ip(), 401, "sign-in-required",
                    key.isEmpty() ? "no key entered on the sign-in form" : "key not recognised on the sign-in form");
            throw new ProblemException(Problems.signInRequired("The key is not valid (or was rotated): enter your department's current key.",
                    "密钥无效（或已更换），请输入本部门当前的密钥。"));
        }
        api.limit(ctx, department.get());
        sessions.find(ctx.cookie(COOKIE)).ifPresent(old -> sessions.close(old.id())); // a fresh id every sign-in
        DepartmentSessions.Session session = sessions.open(department.get(), ApiKeys.sha256(key));
        ctx.header("Set-Cookie", cookie(ctx, session.id(), DepartmentSessions.LIFETIME.toSeconds()));
        log.info("department '{}' signed in to the department page from {}", department.get(), ctx.ip());
        ctx.json(describe(session));
    }

    private void whoAmI(Context ctx) {
        ctx.header("Cache-Control", "no-store").json(describe(sessionOf(ctx)));
    }

    private void signOut(Context ctx) {
        sessions.find(ctx.cookie(COOKIE)).ifPresent(s -> {
            refuseCrossSite(ctx);
            if (!s.csrfTokenIs(ctx.header(CSRF_HEADER))) {
                throw new ProblemException(Problems.crossSite("no CSRF token"));
            }
            sessions.close(s.id());
        });
        ctx.header("Set-Cookie", cookie(ctx, "", 0));
        ctx.status(204);
    }

    private Map<String, Object> describe(DepartmentSessions.Session session) {
        var body = new LinkedHashMap<String, Object>();
        body.put("department", session.department());
        List<Target> own = api.targets().ofDepartment(session.department());
        body.put("departmentZh", own.isEmpty() ? session.department() : own.get(0).getDepartmentZh());
        body.put("departmentEn", own.isEmpty() ? session.department() : own.get(0).getDepartmentEn());
        body.put("csrfToken", session.csrfToken());
        body.put("expiresAt", session.expiresAt());
        return body;
    }

    /** Written by hand, as the monitor's: every attribute that matters is visible here. */
    private static String cookie(Context ctx, String value, long maxAgeSeconds) {
        return COOKIE + "=" + value + "; Path=" + PAGE + "; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure(ctx) ? "; Secure" : "");
    }

    private static boolean secure(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(forwarded == null || forwarded.isBlank() ? ctx.scheme() : forwarded.strip());
    }

    /** The session of the cookie, its key still valid; else 401. */
    private DepartmentSessions.Session sessionOf(Context ctx) {
        DepartmentSessions.Session session = sessions.find(ctx.cookie(COOKIE)).orElseThrow(() -> new ProblemException(
                Problems.signInRequired("Nobody is signed in (or the session ended): sign in with the department's key.",
                        "尚未登录（或登录已过期），请用本部门密钥登录。")));
        if (!api.credentials().stillValid(session.department(), session.keyDigest())) {
            sessions.close(session.id());
            throw new ProblemException(Problems.signInRequired("The key this session signed in with was removed: sign in with the current key.",
                    "本次登录所用的密钥已被撤销，请用当前密钥重新登录。"));
        }
        return session;
    }

    private void requireSession(Context ctx) {
        DepartmentSessions.Session session = sessionOf(ctx);
        if (!ctx.method().name().equals("GET")) {
            refuseCrossSite(ctx);
            if (!session.csrfTokenIs(ctx.header(CSRF_HEADER))) {
                throw new ProblemException(Problems.crossSite("the " + CSRF_HEADER + " header is missing or wrong"));
            }
        }
        api.limit(ctx, session.department());
        ctx.attribute(SESSION, session);
        IntakeHttpApi.actAs(ctx, session.department());
    }

    /** Browsers send Origin on every POST and DELETE and Sec-Fetch-Site on every request; a page cannot forge them. */
    private static void refuseCrossSite(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new ProblemException(Problems.crossSite("Sec-Fetch-Site is '" + site + "'"));
        }
        String origin = ctx.header("Origin");
        String forwarded = ctx.header("X-Forwarded-Proto");
        String own = (forwarded == null || forwarded.isBlank() ? ctx.scheme() : forwarded.strip()) + "://" + ctx.host();
        if (origin != null && !origin.equalsIgnoreCase(own)) {
            throw new ProblemException(Problems.crossSite("Origin '" + origin + "' is not this intake's"));
        }
    }

    private static String department(Context ctx) {
        DepartmentSessions.Session session = ctx.attribute(SESSION);
        return session.department();
    }

    // --- my targets -----------------------------------------------------------------------------------------------

    private void overview(Context ctx) {
        String department = department(ctx);
        StandingsReader.Reading reading = standings.department(department);
        Map<String, JsonNode> standingById = new HashMap<>();
        if (reading.body() != null) {
            reading.body().path("targets").forEach(s -> standingById.put(s.path("targetId").asText(), s));
        }
        var targets = new ArrayList<Map<String, Object>>();
        for (Target t : api.targets().ofDepartment(department)) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("target", TargetViews.OwnTarget.of(t));
            entry.put("planSource", t.getPacePlan() == null || t.getPacePlan().isEmpty() ? "linear" : "pace-plan");
            entry.put("standing", standingById.get(t.getId()));
            // the catalog's word on the department's approved plan, when the standing has not caught up yet
            entry.put("planApprovedBy", t.getPlanApprovedBy());
            entry.put("planApprovedOn", t.getPlanApprovedOn() == null ? null : t.getPlanApprovedOn().toString());
            targets.add(entry);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("department", department);
        body.put("today", today.get());
        body.put("standings", reading.unavailable() == null ? "ok" : reading.unavailable());
        body.put("targets", targets);
        body.put("reports", reports.recent(department, RECENT_REPORTS));
        ctx.header("Cache-Control", "no-store").json(body);
    }

    private void history(Context ctx) {
        String id = ctx.pathParam("id");
        requireOwn(ctx, id);
        StandingsReader.Reading reading = standings.history(id);
        if (reading.body() == null) {
            ctx.json(Map.of("unavailable", reading.unavailable()));
        } else {
            ctx.json(reading.body());
        }
    }

    private void requireOwn(Context ctx, String targetId) {
        if (api.targets().find(targetId).filter(t -> t.getDepartmentId().equals(department(ctx))).isEmpty()) {
            throw new ProblemException(new Problem(403, "forbidden-target", "Not your department's target", "无权查看其他部门的目标",
                    "Target '%s' is not one of your department's targets.".formatted(targetId),
                    "目标“%s”不属于本部门。".formatted(targetId)));
        }
    }

    // --- report and correct ---------------------------------------------------------------------------------------

    private void checkReport(Context ctx) {
        ReportRow row = api.json().readOne(api.bodies().json(ctx));
        ReportValidator.BatchCheck check = api.intake().check(new Submission(department(ctx), "WEB", List.of(row),
                DuplicateRule.SAME_CONTENT, true, null, ctx.ip()));
        ctx.json(Map.of("valid", check.valid(), "errors", check.errors()));
    }

    private void postReport(Context ctx) {
        ReportRow row = api.json().readOne(api.bodies().json(ctx));
        submit(ctx, new Submission(department(ctx), "WEB", List.of(row), DuplicateRule.SAME_CONTENT, true,
                IntakeHttpApi.idempotencyKey(ctx), ctx.ip()), 1, true, null);
    }

    private void retract(Context ctx) {
        Retraction form;
        try {
            form = api.mapper().readValue(api.bodies().json(ctx), Retraction.class);
        } catch (IOException e) {
            throw new ProblemException(new Problem(400, "malformed-json", "Malformed JSON", "JSON 格式错误",
                    "Send {\"eventId\": \"...\", \"reason\": \"...\"}", "请发送 {\"eventId\": \"...\", \"reason\": \"...\"}"));
        }
        String department = department(ctx);
        DepartmentReports.Report earlier = form.eventId() == null ? null
                : reports.find(department, form.eventId()).orElse(null);
        var errors = new ArrayList<FieldError>();
        if (earlier == null) {
            errors.add(new FieldError(null, null, "eventId", form.eventId(), Violation.UNKNOWN_CORRECTED_EVENT,
                    "this is not one of your department's last reports; pick one from the list",
                    "这不是本部门最近的填报之一，请从列表中选择"));
        }
        if (form.reason() == null || form.reason().isBlank()) {
            errors.add(new FieldError(null, null, "reason", null, Violation.REASON_REQUIRED,
                    "say why the report is retracted", "请填写撤销原因"));
        }
        if (!errors.isEmpty()) {
            api.send(ctx, Answer.of(new IntakeResult.Rejected(errors), 1, true, null, ctx.path()));
            return;
        }
        // the correction carries the retracted report's date: within its target's period by construction
        var request = new ReportRequest(null, earlier.targetId(), "CORRECTION", null, null,
                earlier.eventTime() == null ? null : earlier.eventTime().toString(), form.reporter(), form.reason().strip(),
                earlier.eventId(), null);
        submit(ctx, new Submission(department, "WEB", List.of(new ReportRow(0, 1, request)), DuplicateRule.SAME_CONTENT,
                true, IntakeHttpApi.idempotencyKey(ctx), ctx.ip()), 1, true, null);
    }

    // --- upload ---------------------------------------------------------------------------------------------------

    private void previewUpload(Context ctx) {
        SpreadsheetReader.Sheet sheet = readSheet(ctx);
        ReportValidator.BatchCheck check = api.intake().check(new Submission(department(ctx), "SPREADSHEET", sheet.rows(),
                DuplicateRule.ONE_ROW_PER_TARGET_AND_DATE, false, null, ctx.ip()));
        var rows = new ArrayList<Map<String, Object>>();
        for (ReportRow row : sheet.rows()) {
            ReportRequest r = row.request();
            var view = new LinkedHashMap<String, Object>();
            view.put("line", row.line());
            view.put("targetId", r.targetId());
            api.targets().find(r.targetId() == null ? "" : r.targetId())
                    .filter(t -> t.getDepartmentId().equals(department(ctx)))
                    .ifPresent(t -> {
                        view.put("nameZh", t.getNameZh());
                        view.put("nameEn", t.getNameEn());
                    });
            view.put("eventTime", r.eventTime());
            view.put("kind", r.kind());
            view.put("value", r.value());
            view.put("unit", r.unit());
            view.put("reporter", r.reporter());
            view.put("note", r.note());
            rows.add(view);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("format", sheet.format());
        body.put("rows", rows);
        body.put("ignoredColumns", sheet.ignoredColumns());
        body.put("valid", check.valid());
        body.put("errors", check.errors());
        ctx.json(body);
    }

    private void upload(Context ctx) {
        SpreadsheetReader.Sheet sheet = readSheet(ctx);
        submit(ctx, new Submission(department(ctx), "SPREADSHEET", sheet.rows(), DuplicateRule.ONE_ROW_PER_TARGET_AND_DATE,
                false, IntakeHttpApi.idempotencyKey(ctx), ctx.ip()), sheet.rows().size(), false, sheet.ignoredColumns());
    }

    private SpreadsheetReader.Sheet readSheet(Context ctx) {
        RequestBodies.Spreadsheet file = api.bodies().spreadsheet(ctx);
        return api.sheets().read(file.bytes(), file.statedCharset());
    }

    private void submit(Context ctx, Submission submission, int count, boolean single, List<String> ignored) {
        IntakeResult result = api.intake().submit(submission);
        api.send(ctx, Answer.of(result, count, single, ignored, ctx.path()));
    }

    /** The units' English names for the English page: {@code window.UNITS_EN = {...}} from the one table. */
    private static byte[] unitsScript(ObjectMapper mapper) {
        try {
            return ("window.UNITS_EN = " + mapper.writeValueAsString(UnitNames.table()) + ";\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The unit names cannot be written as JSON", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = DepartmentPage.class.getResourceAsStream("/org/jingan/progress/intake/department/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
