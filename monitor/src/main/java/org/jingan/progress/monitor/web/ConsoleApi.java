package org.jingan.progress.monitor.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jingan.progress.kit.http.ProblemMapping;
import org.jingan.progress.monitor.auth.Role;
import org.jingan.progress.monitor.board.AlertBoard;
import org.jingan.progress.monitor.board.AlertGroupKey;
import org.jingan.progress.monitor.board.DedupKey;
import org.jingan.progress.monitor.decision.DecisionLog;
import org.jingan.progress.monitor.decision.OperatorDecision;
import org.jingan.progress.monitor.metrics.MonitorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.json.JavalinJackson;

/**
 * The operators' console over HTTP: the web page, the JSON API, the live stream. Metrics and health are on the
 * monitor's management port ({@link org.jingan.progress.kit.http.ManagementServer}), not here.
 *
 * <pre>
 * GET    /                                   the console page (Chinese, with an English switch)
 * GET    /api/groups?department=&kind=&severity=   firing alerts grouped by department and kind (as notified),
 *                                            worst severity first: {"count", "groups": [{..., "members": [...]}]}
 * GET    /api/groups/{departmentId/KIND}     one firing group
 * POST   /api/groups/{departmentId/KIND}/ack acknowledge every member firing now; body {"note"} optional
 * POST   /api/groups/{departmentId/KIND}/silence?minutes=N   silence the group, members joining later included
 * DELETE /api/groups/{departmentId/KIND}/silence   end the group's silence
 * GET    /api/alerts?department=&kind=&severity=   firing alerts, most urgent first
 * GET    /api/alerts/resolved                recent resolutions, newest first
 * GET    /api/alerts/{dedupKey}              one firing alert
 * POST   /api/alerts/{dedupKey}/ack          acknowledge the current episode; body {"note"} optional
 * POST   /api/alerts/{dedupKey}/silence?minutes=N   silence for N minutes; body {"note"} optional
 * DELETE /api/alerts/{dedupKey}/silence      end a silence
 * GET    /api/clock                          the district clock: {"now","date","zone","mode"}
 * GET    /api/events                         Server-Sent Events: "alerts" with the whole firing list on each change,
 *                                            "clock" when the district clock passed into another minute
 * GET    /problems/{slug}                    what each problem type means
 * GET    /login, GET|POST|DELETE /api/session   signing in ({@link SessionApi})
 * </pre>
 * Reading needs a viewer (unless anonymous reading is on), acting an operator; signing in needs nobody
 * ({@link AccessFilter}). A decision's "by" is the signed-in operator's name, whatever the body says.
 * A dedup key has a slash ({@code targetId/KIND}); it may be written as is or percent-encoded.
 *
 * Errors are the pipeline's problems ({@link MonitorProblems}, {@code application/problem+json}).
 *
 * <p>Acknowledgements and silences are stamped and timed on the wall clock: they are what an operator did and
 * for how long, in real time, also while a replay runs the district clock through 2020.
 */
public final class ConsoleApi {
    private static final Logger log = LoggerFactory.getLogger(ConsoleApi.class);
    static final long MAX_SILENCE_MINUTES = Duration.ofDays(30).toMinutes();

    /** Optional body of ack and silence requests. A "by" member is ignored: who acts is who signed in. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OperatorNote(String note) {
    }

    private final ConsoleView view;
    private final AlertBoard board;
    private final DecisionLog decisionLog;
    private final AlertEvents events;
    private final MonitorMetrics metrics;
    private final Clock wallClock;
    private final ObjectMapper json;
    private final ConsoleAccess access;
    private final String page;
    /** Routes of other modules (the bulletins, the supervision cases), under the console's own access rules. */
    private java.util.function.Consumer<Javalin> moreRoutes = app -> { };

    public ConsoleApi(ConsoleView view, AlertBoard board, DecisionLog decisionLog, AlertEvents events,
                      MonitorMetrics metrics, Clock wallClock,
                      ObjectMapper json, ConsoleAccess access) {
        this.view = view;
        this.board = board;
        this.decisionLog = decisionLog;
        this.events = events;
        this.metrics = metrics;
        this.wallClock = wallClock;
        this.json = json;
        this.access = access;
        this.page = resource("/monitor-web/index.html");
    }

    /** Routes of other modules (the bulletins, the supervision cases), registered with the console's own access rules and problems; adds to those given before. */
    public ConsoleApi withRoutes(java.util.function.Consumer<Javalin> routes) {
        this.moreRoutes = this.moreRoutes.andThen(routes);
        return this;
    }

    /** The signed-in operator's name: who a change is by, whatever the body says. */
    public static String operatorOf(Context ctx) {
        return signedIn(ctx);
    }

    /** The page at {@code /plans} ({@link PlanDesk}). */
    public static String plansPage() {
        return resource("/monitor-web/plans.html");
    }

    /** Creates and starts the HTTP server on {@code host:port} (0 = a free port). */
    public Javalin start(String host, int port) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
        });
        access.install(app);
        app.get("/", ctx -> ctx.html(page), Role.VIEWER);
        app.get("/api/groups", this::groups, Role.VIEWER);
        app.post("/api/groups/<groupKey>/ack", this::acknowledgeGroup, Role.OPERATOR);
        app.post("/api/groups/<groupKey>/silence", this::silenceGroup, Role.OPERATOR);
        app.delete("/api/groups/<groupKey>/silence", this::unsilenceGroup, Role.OPERATOR);
        app.get("/api/groups/<groupKey>", this::group, Role.VIEWER);
        app.get("/api/alerts", this::list, Role.VIEWER);
        app.get("/api/alerts/resolved", ctx -> ctx.json(view.recentlyResolved()), Role.VIEWER);
        app.get("/api/clock", ctx -> ctx.json(view.clock()), Role.VIEWER);
        app.post("/api/alerts/<dedupKey>/ack", this::acknowledge, Role.OPERATOR);
        app.post("/api/alerts/<dedupKey>/silence", this::silence, Role.OPERATOR);
        app.delete("/api/alerts/<dedupKey>/silence", this::unsilence, Role.OPERATOR);
        app.get("/api/alerts/<dedupKey>", this::one, Role.VIEWER);
        app.sse("/api/events", events::connect, Role.VIEWER);
        moreRoutes.accept(app);
        ProblemMapping problems = new ProblemMapping(json).explain(MonitorProblems.EXPLANATIONS);
        app.exception(BadRequestResponse.class, (e, ctx) -> problems.write(ctx, MonitorProblems.badRequest(e.getMessage())));
        app.exception(NotFoundResponse.class, (e, ctx) -> problems.write(ctx, MonitorProblems.notFound(e.getMessage())));
        app.exception(IllegalArgumentException.class, (e, ctx) -> problems.write(ctx, MonitorProblems.badRequest(e.getMessage())));
        app.exception(IllegalStateException.class, (e, ctx) -> problems.write(ctx, MonitorProblems.unavailable(e.getMessage())));
        problems.install(app);
        app.start(host, port);
        return app;
    }

    private void list(Context ctx) {
        ctx.json(view.firing(new ConsoleView.Filter(blankToNull(ctx.queryParam("department")),
                blankToNull(ctx.queryParam("kind")), blankToNull(ctx.queryParam("severity")))));
    }

    private void groups(Context ctx) {
        var groups = view.firing(filter(ctx)).groups();
        ctx.json(java.util.Map.of("count", groups.size(), "groups", groups));
    }

    private void group(Context ctx) {
        AlertGroupKey key = groupKey(ctx);
        ctx.json(view.group(key).orElseThrow(() -> notFiring(key)));
    }

    /** Acknowledges each member firing now (acknowledgements are per episode): a member joining later notifies. */
    private void acknowledgeGroup(Context ctx) {
        AlertGroupKey key = groupKey(ctx);
        String by = signedIn(ctx);
        String note = note(ctx);
        GroupView group = view.group(key).orElseThrow(() -> notFiring(key));
        for (AlertView member : group.members()) {
            board.firing(member.dedupKey()).ifPresent(f -> decisionLog.update(member.dedupKey(),
                    d -> d.withAcknowledgement(new OperatorDecision.Acknowledgement(f.alert().getAlertId(),
                            f.alert().getFiringSince(), by, note, wallClock.instant()))));
        }
        metrics.operatorAction("acknowledge_group");
        log.info("{} acknowledged group {} ({} alerts)", by, key, group.count());
        events.decided("ACKNOWLEDGED", key.toString());
        ctx.json(view.group(key).orElse(group));
    }

    /** A group's silence is kept under the group's own key, so it covers members that join while it lasts. */
    private void silenceGroup(Context ctx) {
        AlertGroupKey key = groupKey(ctx);
        long minutes = minutes(ctx);
        String by = signedIn(ctx);
        String note = note(ctx);
        Instant now = wallClock.instant();
        OperatorDecision decision = decisionLog.update(key.decisionKey(), d -> d.withSilence(
                new OperatorDecision.Silence(now.plus(Duration.ofMinutes(minutes)), by, note, now)));
        metrics.operatorAction("silence_group");
        log.info("{} silenced group {} for {} min", by, key, minutes);
        events.decided("SILENCED", key.toString());
        ctx.json(decision);
    }

    private void unsilenceGroup(Context ctx) {
        AlertGroupKey key = groupKey(ctx);
        String by = signedIn(ctx);
        OperatorDecision decision = decisionLog.update(key.decisionKey(), d -> d.withSilence(null));
        metrics.operatorAction("unsilence_group");
        log.info("{} ended the silence of group {}", by, key);
        events.decided("UNSILENCED", key.toString());
        ctx.json(decision);
    }

    private static ConsoleView.Filter filter(Context ctx) {
        return new ConsoleView.Filter(blankToNull(ctx.queryParam("department")), blankToNull(ctx.queryParam("kind")),
                blankToNull(ctx.queryParam("severity")));
    }

    private static AlertGroupKey groupKey(Context ctx) {
        return AlertGroupKey.parse(ctx.pathParam("groupKey"));
    }

    private static NotFoundResponse notFiring(AlertGroupKey key) {
        return new NotFoundResponse("No firing group '" + key + "'. GET /api/groups lists what is firing.");
    }

    private void one(Context ctx) {
        DedupKey key = dedupKey(ctx);
        ctx.json(view.firing(key.toString()).orElseThrow(() -> notFiring(key)));
    }

    private void acknowledge(Context ctx) {
        DedupKey key = dedupKey(ctx);
        String by = signedIn(ctx);
        String note = note(ctx);
        var firing = board.firing(key.toString()).orElseThrow(() -> notFiring(key));
        var alert = firing.alert();
        OperatorDecision decision = decisionLog.update(key.toString(), d -> d.withAcknowledgement(
                new OperatorDecision.Acknowledgement(alert.getAlertId(), alert.getFiringSince(), by, note,
                        wallClock.instant())));
        metrics.operatorAction("acknowledge");
        log.info("{} acknowledged {} ({})", by, key, alert.getAlertId());
        events.decided("ACKNOWLEDGED", key.toString());
        ctx.json(decision);
    }

    private void silence(Context ctx) {
        DedupKey key = dedupKey(ctx);
        long minutes = minutes(ctx);
        String by = signedIn(ctx);
        String note = note(ctx);
        Instant now = wallClock.instant();
        OperatorDecision decision = decisionLog.update(key.toString(), d -> d.withSilence(
                new OperatorDecision.Silence(now.plus(Duration.ofMinutes(minutes)), by, note, now)));
        metrics.operatorAction("silence");
        log.info("{} silenced {} for {} min", by, key, minutes);
        events.decided("SILENCED", key.toString());
        ctx.json(decision);
    }

    private void unsilence(Context ctx) {
        DedupKey key = dedupKey(ctx);
        String by = signedIn(ctx);
        OperatorDecision decision = decisionLog.update(key.toString(), d -> d.withSilence(null));
        metrics.operatorAction("unsilence");
        log.info("{} ended the silence of {}", by, key);
        events.decided("UNSILENCED", key.toString());
        ctx.json(decision);
    }

    /** The name decisions are recorded under: the signed-in operator's ({@link AccessFilter} let only them in). */
    private static String signedIn(Context ctx) {
        Caller caller = AccessFilter.caller(ctx);
        if (caller == null) {
            throw new IllegalStateException("A change reached its handler without a signed-in operator");
        }
        return caller.operator().name();
    }

    private static DedupKey dedupKey(Context ctx) {
        return DedupKey.parse(ctx.pathParam("dedupKey"));
    }

    private static long minutes(Context ctx) {
        String text = ctx.queryParam("minutes");
        if (text == null || text.isBlank()) {
            throw new BadRequestResponse("Query parameter 'minutes' is required, e.g. ?minutes=60 (1.."
                    + MAX_SILENCE_MINUTES + ")");
        }
        try {
            long minutes = Long.parseLong(text.trim());
            if (minutes >= 1 && minutes <= MAX_SILENCE_MINUTES) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequestResponse("'minutes' must be a whole number from 1 to " + MAX_SILENCE_MINUTES
                + " (30 days), was '" + text + "'");
    }

    /** Why, from a JSON body's "note" or the note query parameter; null when not given. Never who. */
    private String note(Context ctx) {
        OperatorNote fromBody = null;
        String body = ctx.body();
        if (!body.isBlank()) {
            try {
                fromBody = json.readValue(body, OperatorNote.class);
            } catch (IOException e) {
                throw new BadRequestResponse("Body must be JSON like {\"note\": \"已联系区商务委\"}: "
                        + e.getMessage());
            }
        }
        return firstNonBlank(fromBody == null ? null : fromBody.note(), ctx.queryParam("note"), null);
    }

    private static NotFoundResponse notFiring(DedupKey key) {
        return new NotFoundResponse("No firing alert '" + key + "'. GET /api/alerts lists what is firing.");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String firstNonBlank(String a, String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : fallback;
    }

    static String resource(String path) {
        try (InputStream in = ConsoleApi.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing console page " + path + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
