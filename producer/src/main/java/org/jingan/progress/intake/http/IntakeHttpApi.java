package org.jingan.progress.intake.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jingan.progress.catalog.plans.PlanSubmitter;
import org.jingan.progress.intake.auth.CredentialStore;
import org.jingan.progress.intake.service.IntakeAudit;
import org.jingan.progress.intake.service.IntakeMetrics;
import org.jingan.progress.intake.service.IntakeResult;
import org.jingan.progress.intake.service.ReportIntake;
import org.jingan.progress.intake.service.Submission;
import org.jingan.progress.intake.validation.ReportJson;
import org.jingan.progress.intake.validation.ReportRow;
import org.jingan.progress.intake.validation.ReportValidator.DuplicateRule;
import org.jingan.progress.intake.validation.SpreadsheetReader;
import org.jingan.progress.intake.validation.TargetDirectory;
import org.jingan.progress.intake.validation.UnreadableInputException;
import org.jingan.progress.kit.http.Authenticator;
import org.jingan.progress.kit.http.Principal;
import org.jingan.progress.kit.http.Problem;
import org.jingan.progress.kit.http.ProblemException;
import org.jingan.progress.kit.http.ProblemMapping;
import org.jingan.progress.kit.http.RouteAccess;

/**
 * The intake's HTTP API (JSON in, JSON or problem+json out):
 * <ul>
 *   <li>{@code POST /api/v1/reports}: one report; {@code POST /api/v1/reports/batch}: a JSON array of reports;
 *       {@code POST /api/v1/reports/upload}: a CSV spreadsheet (text/csv body or multipart field {@code file}).
 *       202 when every report is stored, 4xx problem listing every error when any is wrong (nothing written),
 *       503 with Retry-After when the broker did not acknowledge.</li>
 *   <li>{@code GET /api/v1/targets}: the caller's targets; {@code GET /api/v1/targets/template.csv}: a spreadsheet
 *       to fill in; {@code GET /api/v1/catalog}: the public catalog.</li>
 *   <li>{@code GET /problems} and {@code /problems/{slug}}. Metrics and health are not here: they are on the
 *       intake's loopback management port ({@link org.jingan.progress.kit.http.ManagementServer}).</li>
 *   <li>{@code GET /} and {@code /api/v1}: an index of the endpoints; {@code GET /api/v1/openapi.json}: the OpenAPI
 *       document ({@link ApiIndex}).</li>
 * </ul>
 * Every other /api request needs the department's key ({@code Authorization: Bearer} or {@code X-API-Key}) and then
 * counts against the department's rate limit ({@link RateLimit}). JSON endpoints read only {@code application/json},
 * the upload only CSV or a multipart form ({@link RequestContentType}); a method a path does not take is a 405 with
 * Allow ({@link RouteTable}).
 */
public final class IntakeHttpApi {
    public static final String API = "/api/v1";
    public static final String CHANNEL_HEADER = "X-Report-Channel";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Set<String> CALLER_CHANNELS = Set.of("HTTP", "CLI", "DEMO", "SENSOR");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final String DEPARTMENT = "intake.department";
    /** The API paths that need no key: they describe the API, never a department's data. */
    private static final Set<String> OPEN_API_PATHS = Set.of(API, API + "/", ApiIndex.OPENAPI_PATH);

    /** Size limits of one request. */
    public record Limits(long maxBodyBytes, int maxRows) {
    }

    private final ReportIntake intake;
    private final TargetDirectory targets;
    private final CredentialStore credentials;
    private final IntakeMetrics metrics;
    private final Limits limits;
    private final ReportJson json;
    private final SpreadsheetReader sheets;
    private final RequestBodies bodies;
    private final DepartmentRateLimiter rateLimiter;
    private final RouteTable routes = new RouteTable();
    /** Supervision cases (督办单) the departments answer; null when the intake does not follow them. */
    private org.jingan.progress.intake.cases.CaseAnswers cases;
    /** The departments' plans (分解计划): one set of routes for the API, the page and 督办 answers; null when none. */
    private PlanRoutes plans;
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public IntakeHttpApi(ReportIntake intake, TargetDirectory targets, CredentialStore credentials, IntakeMetrics metrics,
                         Limits limits, RateLimit rateLimit) {
        this.intake = intake;
        this.targets = targets;
        this.credentials = credentials;
        this.metrics = metrics;
        this.limits = limits;
        this.json = new ReportJson(limits.maxRows());
        this.sheets = new SpreadsheetReader(limits.maxRows());
        this.bodies = new RequestBodies(limits.maxBodyBytes(), metrics);
        this.rateLimiter = new DepartmentRateLimiter(rateLimit);
    }

    /** Serves the departments' supervision cases ({@code GET /api/v1/cases}, {@code POST .../answer}). */
    public IntakeHttpApi withCases(org.jingan.progress.intake.cases.CaseAnswers answers) {
        this.cases = answers;
        return this;
    }

    /** Takes departments' plans too ({@link PlanRoutes}), written through {@code submitter}. */
    public IntakeHttpApi withPlans(PlanSubmitter submitter) {
        this.plans = new PlanRoutes(submitter, targets, bodies, mapper);
        return this;
    }

    /** A configured server, not yet started. */
    public Javalin create() {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = limits.maxBodyBytes();
            config.router.ignoreTrailingSlashes = true;
            config.http.prefer405over404 = true; // GET on a POST-only path is a 405 with Allow, not a 404
            config.jetty.multipartConfig.maxFileSize(limits.maxBodyBytes(), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(limits.maxBodyBytes() + RequestBodies.FORM_OVERHEAD, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, limits.maxBodyBytes()), SizeUnit.BYTES);
            config.events(events -> events.handlerAdded(routes::add));
        });
        ApiIndex index = ApiIndex.load(mapper);
        app.before(API + "/*", this::authenticateAndLimit);
        app.get("/", index::index);
        app.get(API, index::index);
        app.get(ApiIndex.OPENAPI_PATH, index::openApi);
        app.post(API + "/reports", this::postReport);
        app.post(API + "/reports/batch", this::postBatch);
        app.post(API + "/reports/upload", this::postUpload);
        app.get(API + "/targets", this::ownTargets);
        app.get(API + "/targets/template.csv", ctx -> ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + department(ctx) + "-progress.csv\"")
                .result(TargetViews.template(targets.ofDepartment(department(ctx)))));
        app.get(API + "/targets/template.xlsx", ctx -> ctx.contentType(RequestContentType.XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + department(ctx) + "-progress.xlsx\"")
                .result(TemplateWorkbook.of(targets.ofDepartment(department(ctx)))));
        if (plans != null) {
            plans.install(app, API);
        }
        app.get(API + "/catalog", ctx -> ctx.json(targets.all().stream().map(TargetViews.PublicTarget::of).toList()));
        app.get(API + "/cases", this::getCases);
        app.post(API + "/cases/{targetId}/answer", this::postAnswer);
        app.get(ApiIndex.PROBLEMS_PATH, index::problems);
        // the pipeline's one mapping: ProblemException, Javalin's 404/405/413, 500 internal-error, /problems/{slug}
        new ProblemMapping(mapper).explain(Problems.EXPLANATIONS)
                .notFound(ctx -> Problems.notFound(ctx.path()))
                .onStatus(405, this::methodNotAllowed)
                .onStatus(413, ctx -> Problems.bodyTooLarge(limits.maxBodyBytes()))
                .internalError((ctx, e) -> Problems.internal())
                .install(app);
        app.exception(UnreadableInputException.class, (e, ctx) -> {
            metrics.requestRefused(e.kind().name().toLowerCase(Locale.ROOT));
            IntakeAudit.requestRefused(ctx.attribute(DEPARTMENT), channelOf(ctx), ctx.ip(), Problems.unreadable(e).status(),
                    e.kind().name(), e.getMessage());
            respond(ctx, Problems.unreadable(e));
        });
        return app;
    }

    /** The endpoints registered on the server {@link #create()} made, in the order they were added. */
    public List<RouteTable.Route> routes() {
        return routes.routes();
    }

    private Problem methodNotAllowed(Context ctx) {
        return Problems.methodNotAllowed(ctx.method().name(), ctx.path(), routes.methodsFor(ctx.path()));
    }

    /** The department page's session counts against the same per-department limit as the key. */
    void limit(Context ctx, String department) {
        rateLimiter.tryAcquire(department).ifPresent(wait -> {
            Problem problem = Problems.rateLimited(department, rateLimiter.limit(), wait);
            metrics.requestRefused("rate-limited");
            IntakeAudit.requestRefused(department, "WEB", ctx.ip(), 429, problem.slug(), problem.detail());
            throw new ProblemException(problem);
        });
    }

    ReportIntake intake() {
        return intake;
    }

    TargetDirectory targets() {
        return targets;
    }

    CredentialStore credentials() {
        return credentials;
    }

    RequestBodies bodies() {
        return bodies;
    }

    ReportJson json() {
        return json;
    }

    SpreadsheetReader sheets() {
        return sheets;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** Who calls (the key's department), then whether the department may send another request now. */
    private void authenticateAndLimit(Context ctx) {
        if (ctx.method().name().equals("OPTIONS") || OPEN_API_PATHS.contains(ctx.path())) {
            return;
        }
        authenticate(ctx);
        String department = department(ctx);
        rateLimiter.tryAcquire(department).ifPresent(wait -> {
            Problem problem = Problems.rateLimited(department, rateLimiter.limit(), wait);
            metrics.requestRefused("rate-limited");
            IntakeAudit.requestRefused(department, channelOf(ctx), ctx.ip(), 429, problem.slug(), problem.detail());
            throw new ProblemException(problem);
        });
    }

    /** The department whose key the request shows, through the pipeline's one auth seam ({@link RouteAccess}). */
    private void authenticate(Context ctx) {
        Principal department = RouteAccess.require(ctx, this::departmentOf, () -> refused(ctx, null));
        ctx.attribute(DEPARTMENT, department.name());
    }

    /** The {@link Authenticator} of department keys: none sent is empty, an unknown one a 401. */
    private Optional<Principal> departmentOf(Context ctx) {
        String key = presentedKey(ctx);
        if (key == null) {
            return Optional.empty();
        }
        var department = credentials.departmentFor(key);
        if (department.isEmpty()) {
            throw refused(ctx, key);
        }
        return Optional.of(new Principal(department.get(), Set.of("department")));
    }

    private ProblemException refused(Context ctx, String key) {
        metrics.requestRefused(key == null ? "no-credential" : "unknown-credential");
        IntakeAudit.requestRefused(null, channelOf(ctx), ctx.ip(), 401, "unauthorized",
                key == null ? "no API key sent" : "API key not recognised");
        return new ProblemException(Problems.unauthorized(key != null));
    }

    private static String presentedKey(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).strip();
            return key.isEmpty() ? null : key;
        }
        String key = ctx.header("X-API-Key");
        return key == null || key.isBlank() ? null : key.strip();
    }

    private void postReport(Context ctx) {
        ReportRow row = json.readOne(bodies.json(ctx));
        IntakeResult result = intake.submit(new Submission(department(ctx), channelOf(ctx), List.of(row),
                DuplicateRule.SAME_CONTENT, true, idempotencyKey(ctx), ctx.ip()));
        answer(ctx, result, 1, null);
    }

    private void postBatch(Context ctx) {
        List<ReportRow> rows = json.readBatch(bodies.json(ctx));
        IntakeResult result = intake.submit(new Submission(department(ctx), channelOf(ctx), rows,
                DuplicateRule.SAME_CONTENT, false, idempotencyKey(ctx), ctx.ip()));
        answer(ctx, result, rows.size(), null);
    }

    private void postUpload(Context ctx) {
        RequestBodies.Spreadsheet file = bodies.spreadsheet(ctx);
        SpreadsheetReader.Sheet sheet = sheets.read(file.bytes(), file.statedCharset());
        IntakeResult result = intake.submit(new Submission(department(ctx), "SPREADSHEET", sheet.rows(),
                DuplicateRule.ONE_ROW_PER_TARGET_AND_DATE, false, idempotencyKey(ctx), ctx.ip()));
        answer(ctx, result, sheet.rows().size(), sheet.ignoredColumns());
    }

    /** The department's targets; with supervision cases, each with its open case ({@code openCase}, or null). */
    private void ownTargets(Context ctx) {
        var own = targets.ofDepartment(department(ctx)).stream().map(TargetViews.OwnTarget::of).toList();
        if (cases == null) {
            ctx.json(own);
            return;
        }
        java.time.LocalDate today = cases.today();
        var open = new java.util.HashMap<String, org.jingan.progress.avro.SupervisionCaseState>();
        cases.openOf(department(ctx)).forEach(c -> open.put(c.getTargetId(), c));
        var items = new java.util.ArrayList<java.util.Map<String, Object>>();
        for (TargetViews.OwnTarget t : own) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> item = mapper.convertValue(t, java.util.LinkedHashMap.class);
            var c = open.get(t.id());
            if (c == null) {
                item.put("openCase", null);
            } else {
                var view = new java.util.LinkedHashMap<String, Object>();
                view.put("caseId", c.getCaseId());
                view.put("stage", c.getStage().name());
                view.put("answerDueBy", c.getAnswerDueBy() == null ? null : c.getAnswerDueBy().toString());
                view.put("overdue", org.jingan.progress.contract.CaseFile.isOverdue(c, today));
                item.put("openCase", view);
            }
            items.add(item);
        }
        ctx.json(items);
    }

    /** The plan routes the department page shares; 404 when this intake takes no plans. */
    PlanRoutes planRoutes() {
        if (plans == null) {
            throw new ProblemException(new Problem(404, "plans-not-served", "No department plans here",
                    "本服务不受理分解计划", "This intake was started without a plan-submissions topic.",
                    "本 intake 未配置分解计划主题。"));
        }
        return plans;
    }

    /** The attribute the API's handlers read the department from: the page sets it from its session. */
    static void actAs(Context ctx, String department) {
        ctx.attribute(DEPARTMENT, department);
    }

    /** Without a supervision-cases topic there are no cases to list or answer. */
    private void requireCases() {
        if (cases == null) {
            throw new ProblemException(new Problem(404, "cases-not-served", "No supervision cases here",
                    "本服务不提供督办单", "This intake was started without a supervision-cases topic (INTAKE_CASES_TOPIC).",
                    "本 intake 未配置督办单主题（INTAKE_CASES_TOPIC）。"));
        }
    }

    /** Also the department page's ({@link DepartmentPage}), the department set by its session. */
    void getCases(Context ctx) {
        requireCases();
        java.time.LocalDate today = cases.today();
        var items = cases.openOf(department(ctx)).stream()
                .map(c -> org.jingan.progress.supervision.CaseViews.of(c, today)).toList();
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("department", department(ctx));
        body.put("date", today.toString());
        body.put("count", items.size());
        body.put("items", items);
        ctx.json(body);
    }

    /** A department's answer to its case: 202 once stored; 404 no open case, 403 another's, 422 incomplete. */
    void postAnswer(Context ctx) {
        requireCases();
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = mapper.readTree(bodies.json(ctx));
        } catch (java.io.IOException e) {
            throw new UnreadableInputException(UnreadableInputException.Kind.MALFORMED_JSON, null, null, null,
                    "the body is not JSON: " + e.getMessage(), "请求体不是合法的 JSON");
        }
        if (body == null || !body.isObject()) {
            throw new UnreadableInputException(UnreadableInputException.Kind.MALFORMED_JSON, null, null, null,
                    "the body must be a JSON object {reason, measures, expectedCatchUp, proposedPlan}",
                    "请求体须为 JSON 对象 {reason, measures, expectedCatchUp, proposedPlan}");
        }
        String department = department(ctx);
        var step = cases.answer(department, ctx.pathParam("targetId"),
                org.jingan.progress.intake.cases.AnswerRequest.read(body, cases.today()), proposedPlans(department));
        IntakeAudit.caseAnswered(department, channelOf(ctx), ctx.ip(), step.getCaseId(), step.getEventId());
        var answer = new java.util.LinkedHashMap<String, Object>();
        answer.put("status", "stored");
        answer.put("caseId", step.getCaseId());
        answer.put("eventId", step.getEventId());
        answer.put("answeredAt", step.getClockTime().toString());
        if (step.getAnswer() != null && step.getAnswer().getPlanSubmissionId() != null) {
            // the proposed plan waits for an operator's approval at the monitor's plans page, like any department plan
            answer.put("planSubmissionId", step.getAnswer().getPlanSubmissionId());
        }
        ctx.status(202).json(answer);
    }

    /**
     * A plan proposed in an answer goes through the same approval as any department plan: filed on plan-submissions
     * (channel SUPERVISION, checked by the same rules: an invalid one refuses the answer with 422), decided by an
     * operator in the monitor. Null when this intake takes no plans.
     */
    private org.jingan.progress.intake.cases.CaseAnswers.PlanFiling proposedPlans(String department) {
        if (plans == null) {
            return null;
        }
        return (c, plan) -> {
            var target = targets.find(c.getTargetId()).orElseThrow(() -> new ProblemException(new Problem(404,
                    "not-found", "No such target", "没有该目标", "No target '" + c.getTargetId() + "' in the catalog.",
                    "目录中没有目标 " + c.getTargetId() + "。")));
            var rows = new java.util.ArrayList<org.jingan.progress.catalog.plans.PlanRow>();
            for (int i = 0; i < plan.size(); i++) {
                rows.add(new org.jingan.progress.catalog.plans.PlanRow(i + 1, plan.get(i).getDate(),
                        plan.get(i).getExpectedCumulative(), null));
            }
            return plans.file(target, department, rows, "督办答复 " + c.getCaseId() + " / answer to case "
                    + c.getCaseId(), "SUPERVISION").getSubmissionId();
        };
    }

    private void answer(Context ctx, IntakeResult result, int reportCount, List<String> ignoredColumns) {
        boolean single = ctx.path().endsWith("/reports");
        send(ctx, Answer.of(result, reportCount, single, ignoredColumns, ctx.path()));
    }

    void send(Context ctx, Answer answer) {
        answer.headers().forEach(ctx::header);
        String body;
        try {
            body = mapper.writeValueAsString(answer.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer always serialises", e);
        }
        ctx.status(answer.status())
                .contentType(answer.problem() ? Problem.MEDIA_TYPE + ";charset=utf-8" : "application/json;charset=utf-8")
                .result(body);
    }

    private static String department(Context ctx) {
        return ctx.attribute(DEPARTMENT);
    }

    private static String channelOf(Context ctx) {
        String channel = ctx.header(CHANNEL_HEADER);
        String upper = channel == null ? "HTTP" : channel.strip().toUpperCase(Locale.ROOT);
        return CALLER_CHANNELS.contains(upper) ? upper : "HTTP";
    }

    static String idempotencyKey(Context ctx) {
        String key = ctx.header(IDEMPOTENCY_HEADER);
        if (key == null) {
            return null;
        }
        String k = key.strip();
        if (k.length() >= 2 && k.startsWith("\"") && k.endsWith("\"")) {
            k = k.substring(1, k.length() - 1); // the IETF draft sends it as a quoted string
        }
        if (!IDEMPOTENCY_KEY.matcher(k).matches()) {
            throw new UnreadableInputException(UnreadableInputException.Kind.INVALID_HEADER, null, null, IDEMPOTENCY_HEADER,
                    "the Idempotency-Key header must be 1 to 128 visible ASCII characters (a UUID is fine)",
                    "Idempotency-Key 请求头须为 1 至 128 个可见 ASCII 字符（可用 UUID）");
        }
        return k;
    }

    private void respond(Context ctx, Problem problem) {
        send(ctx, Answer.of(problem, ctx.path()));
    }
}
