package org.jingan.progress.intake.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jingan.progress.intake.validation.FieldError;

/**
 * An RFC 9457 problem detail: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, plus
 * the Chinese title and detail ({@code titleZh}, {@code detailZh}), the field-level {@code errors} and any other
 * extension members. {@code type} is a relative URI, served by GET /problems/{slug} with an explanation.
 */
public record Problem(int status, String slug, String title, String titleZh, String detail, String detailZh,
                      List<FieldError> errors, Map<String, Object> extensions, Map<String, String> headers) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(int status, String slug, String title, String titleZh, String detail, String detailZh) {
        this(status, slug, title, titleZh, detail, detailZh, List.of(), Map.of(), Map.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(status, slug, title, titleZh, detail, detailZh, fieldErrors, extensions, headers);
    }

    public Problem with(String member, Object value) {
        var more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(status, slug, title, titleZh, detail, detailZh, errors, more, headers);
    }

    public Problem withHeader(String name, String value) {
        var more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Problem(status, slug, title, titleZh, detail, detailZh, errors, extensions, more);
    }

    public String type() {
        return "/problems/" + slug;
    }

    /** The JSON body, members in the RFC's order first. */
    public Map<String, Object> body(String instance) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", type());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("titleZh", titleZh);
        body.put("detailZh", detailZh);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.putAll(extensions);
        return body;
    }
}
