package org.jingan.progress.monitor.web;

import java.util.Map;

import org.jingan.progress.kit.http.Problem;

/**
 * The problems the monitor's API answers with, in the pipeline's one convention ({@link Problem}: {@code type}
 * {@code /problems/<slug>}, zh/en titles, {@code application/problem+json}); each type explained at its URI.
 */
final class MonitorProblems {
    /** slug -> explanation served at /problems/{slug}. */
    static final Map<String, String> EXPLANATIONS = Map.ofEntries(
            Map.entry("plan-decision", "A department's plan cannot be approved or returned now: unknown, already decided or replaced, no longer fitting its revised target, or returned without a comment; 'reason' says which. / 该分解计划当前无法审批：不存在、已处理或已被取代、与修订后的目标不符，或退回未说明理由。"),
            Map.entry("bad-request", "A parameter or body is malformed; the detail says which. / 参数或请求体有误，详见 detail。"),
            Map.entry("unauthorized", "Sign in (the console's /login, HTTP Basic with an operators-file account, or an OIDC bearer token). / 请先登录。"),
            Map.entry("forbidden", "Your role may not do this: reading needs a viewer, acting (ack, silence) an operator. / 您的角色无权执行此操作。"),
            Map.entry("cross-origin", "Changes are accepted from the monitor's own console only. / 只接受来自本监控台页面的更改。"),
            Map.entry("csrf-token", "A change made with the console's session needs its CSRF token in X-CSRF-Token (GET /api/session gives it). / 使用会话的更改须在 X-CSRF-Token 中携带 CSRF 令牌。"),
            Map.entry("unsupported-media-type", "Send changes as application/json. / 请以 application/json 发送更改。"),
            Map.entry("no-open-case", "The target has no open supervision case (督办单) to review or close. / 该目标没有待办的督办单。"),
            Map.entry("case-not-answered", "Only an answer waiting for review can be accepted or returned: the department has not answered (or the answer was reviewed). / 只有待审核的反馈才能采纳或退回。"),
            Map.entry("unavailable", "The monitor is still reading Kafka; try again shortly. / 监控中心仍在读取数据，请稍后重试。"));

    private MonitorProblems() {
    }

    static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "Bad request", "请求有误", detail);
    }

    static Problem unauthorized(String detail) {
        return new Problem(401, "unauthorized", "Sign-in required", "需要登录", detail);
    }

    static Problem forbidden(String detail) {
        return new Problem(403, "forbidden", "Not allowed for your role", "您的角色无权执行此操作", detail);
    }

    static Problem crossOrigin(String detail) {
        return new Problem(403, "cross-origin", "Cross-origin request refused", "拒绝跨站请求", detail);
    }

    static Problem csrfToken(String detail) {
        return new Problem(403, "csrf-token", "CSRF token missing or wrong", "CSRF 令牌缺失或错误", detail);
    }

    static Problem notFound(String detail) {
        return new Problem(404, "not-found", "Not found", "未找到", detail);
    }

    static Problem unsupportedMediaType(String detail) {
        return new Problem(415, "unsupported-media-type", "JSON required", "需要 JSON 格式", detail);
    }

    static Problem unavailable(String detail) {
        return new Problem(503, "unavailable", "Not available yet", "暂不可用", detail);
    }
}
