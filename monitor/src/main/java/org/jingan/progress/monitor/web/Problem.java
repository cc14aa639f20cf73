package org.jingan.progress.monitor.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail of the monitor's API ({@code application/problem+json}): {@code type} (a relative
 * {@code /problems/<slug>}, as the intake writes them), {@code title}, {@code status}, {@code detail},
 * {@code instance}, and the Chinese title {@code titleZh}.
 */
record Problem(int status, String slug, String title, String titleZh, String detail) {
    static final String MEDIA_TYPE = "application/problem+json";

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

    static Problem internal(String detail) {
        return new Problem(500, "internal", "Internal error", "内部错误", detail);
    }

    String type() {
        return "/problems/" + slug;
    }

    /** The JSON body, the RFC's members first. */
    Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("titleZh", titleZh);
        return body;
    }
}
