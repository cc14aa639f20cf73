package org.jingan.progress.kit.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem detail, the one convention of the pipeline's HTTP apps ({@value #MEDIA_TYPE}): {@code type}
 * is the relative URI {@code /problems/<slug>} (served with an explanation by {@link ProblemMapping}),
 * {@code title}, {@code status}, {@code detail}, {@code instance}, the Chinese {@code titleZh} and {@code detailZh},
 * then the app's extension members (e.g. the intake's field {@code errors}). Headers the answer needs
 * (Retry-After, WWW-Authenticate, Allow) travel with it.
 *
 * @param detailZh   may be null: then the body has no {@code detailZh}
 * @param extensions members after the standard ones, in order
 * @param headers    response headers sent with the problem
 */
public record Problem(int status, String slug, String title, String titleZh, String detail, String detailZh,
                      Map<String, Object> extensions, Map<String, String> headers) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Every problem {@code type} is this prefix and a slug. */
    public static final String TYPE_PREFIX = "/problems/";

    public Problem {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status is 4xx or 5xx, got " + status);
        }
        extensions = extensions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public Problem(int status, String slug, String title, String titleZh, String detail, String detailZh) {
        this(status, slug, title, titleZh, detail, detailZh, Map.of(), Map.of());
    }

    /** Without a Chinese detail. */
    public Problem(int status, String slug, String title, String titleZh, String detail) {
        this(status, slug, title, titleZh, detail, null);
    }

    /** This problem with one more extension member (replacing one of the same name). */
    public Problem with(String member, Object value) {
        var more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(status, slug, title, titleZh, detail, detailZh, more, headers);
    }

    /** This problem with one more response header (replacing one of the same name). */
    public Problem withHeader(String name, String value) {
        var more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Problem(status, slug, title, titleZh, detail, detailZh, extensions, more);
    }

    /** {@code /problems/<slug>}. */
    public String type() {
        return TYPE_PREFIX + slug;
    }

    /** The JSON body, the RFC's members first, then the Chinese ones, then the extensions. */
    public Map<String, Object> body(String instance) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", type());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("titleZh", titleZh);
        if (detailZh != null) {
            body.put("detailZh", detailZh);
        }
        extensions.forEach(body::putIfAbsent);
        return body;
    }

    /** 404 not-found: no such endpoint (or resource). */
    public static Problem notFound(String detail, String detailZh) {
        return new Problem(404, "not-found", "Not found", "未找到", detail, detailZh);
    }

    /** 405 method-not-allowed, with {@code Allow} when the allowed methods are known (null: not). */
    public static Problem methodNotAllowed(String method, String path, String allow) {
        Problem p = new Problem(405, "method-not-allowed", "Method not allowed", "不支持的请求方法",
                "%s is not allowed on %s%s.".formatted(method, path, allow == null ? "" : "; allowed: " + allow),
                "%s 不能用 %s 方法%s。".formatted(path, method, allow == null ? "" : "（可用：" + allow + "）"));
        return allow == null ? p : p.withHeader("Allow", allow);
    }

    /** 500 internal-error: the detail names no more than the kind of failure; the log has the rest. */
    public static Problem internalError(String detail, String detailZh) {
        return new Problem(500, "internal-error", "Internal error", "服务内部错误", detail, detailZh);
    }
}
