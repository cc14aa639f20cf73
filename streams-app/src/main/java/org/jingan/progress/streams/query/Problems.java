package org.jingan.progress.streams.query;

import java.util.Map;

import org.jingan.progress.kit.http.Problem;
import org.jingan.progress.kit.http.ProblemMapping;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.validation.ValidationException;

/**
 * The query API's problems, in the pipeline's one convention ({@link Problem}: {@code type} {@code /problems/<slug>},
 * zh/en, problem+json); each also carries its slug as {@code code}, which the instances read from each other.
 * 503s carry Retry-After: stores migrating or an instance restoring is a normal, short condition.
 */
final class Problems {
    /** slug -> explanation served at /problems/{slug}. */
    static final Map<String, String> EXPLANATIONS = Map.ofEntries(
            Map.entry("bad-request", "A parameter or body is malformed; the detail says which and how to fix it. / 参数或请求体有误，详见 detail。"),
            Map.entry("unauthorized", "The /internal endpoints answer only the app's other instances, which send the shared peer secret. / /internal 接口只应答本应用的其他实例（需共享的对等密钥）。"),
            Map.entry("not-ready", "The instance is starting or restoring its stores; retry after Retry-After seconds. / 实例正在启动或恢复状态存储，请在 Retry-After 秒后重试。"),
            Map.entry("store-migrating", "The stores are moving between instances after a rebalance; retry after Retry-After seconds. / 状态存储正在实例间迁移，请稍后重试。"),
            Map.entry("too-stale", "No copy of the data is as fresh as the staleness bound asked for; retry, or allow more lag. / 没有足够新的数据副本，请重试或放宽时效要求。"),
            Map.entry("peer-unreachable", "The instance holding the data did not answer in time; retry. / 持有数据的实例未及时应答，请重试。"),
            Map.entry("peer-incompatible", "Another instance answered in a form this one does not read (a rolling upgrade?); retry. / 其他实例的应答格式不兼容（可能正在滚动升级），请重试。"),
            Map.entry("peer-unauthorized", "Another instance refused this one's peer secret: every instance needs the same --peer-secret-file. / 其他实例拒绝了本实例的对等密钥，各实例须使用相同的 --peer-secret-file。"));

    private Problems() {
    }

    static ProblemMapping register(Javalin app, ObjectMapper mapper, int retryAfterSeconds) {
        ProblemMapping problems = new ProblemMapping(mapper).explain(EXPLANATIONS)
                .notFound(ctx -> withCode(Problem.notFound("No endpoint " + ctx.method() + " " + ctx.path()
                        + "; the API is described at /openapi.json", "没有接口 " + ctx.method() + " " + ctx.path()
                        + "；接口说明见 /openapi.json")))
                .internalError((ctx, e) -> withCode(Problem.internalError("The query failed on this instance ("
                        + e.getClass().getSimpleName() + "); details are in its log.", "查询在本实例上失败（"
                        + e.getClass().getSimpleName() + "），详情见其日志。")));
        app.exception(UnavailableException.class, (e, ctx) -> problems.write(ctx, withCode(
                new Problem(503, e.type(), "Service Unavailable", "暂不可用", e.getMessage())
                        .withHeader("Retry-After", String.valueOf(retryAfterSeconds)))));
        app.exception(BadRequestException.class, (e, ctx) -> problems.write(ctx, badRequest(e.getMessage())));
        app.exception(ValidationException.class, (e, ctx) ->
                problems.write(ctx, badRequest("Invalid parameter(s): " + e.getErrors().keySet())));
        // RFC 9110: a 401 names the scheme that would be accepted
        app.exception(UnauthorizedException.class, (e, ctx) -> problems.write(ctx, withCode(
                new Problem(401, "unauthorized", "Unauthorized", "未认证", e.getMessage())
                        .withHeader("WWW-Authenticate", PeerSecret.HEADER))));
        app.exception(NotFoundException.class, (e, ctx) ->
                problems.write(ctx, withCode(Problem.notFound(e.getMessage(), null))));
        problems.install(app);
        return problems;
    }

    private static Problem badRequest(String detail) {
        return withCode(new Problem(400, "bad-request", "Bad Request", "请求有误", detail));
    }

    /** The slug again as {@code code}: what the instances read from each other's answers. */
    private static Problem withCode(Problem problem) {
        return problem.with("code", problem.slug());
    }
}
