package org.jingan.progress.intake.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the API's root answers (the URL the local stack's banner prints): an index of every endpoint, read from the
 * OpenAPI document so the two say the same, with links to the document and to the problem types. JSON for a
 * program, a small HTML page for a person's browser. No credential needed: it tells nothing about any department.
 */
final class ApiIndex {
    static final String OPENAPI_RESOURCE = "org/jingan/progress/intake/openapi.json";
    static final String OPENAPI_PATH = IntakeHttpApi.API + "/openapi.json";
    static final String PROBLEMS_PATH = "/problems";

    /** One endpoint as the index lists it. */
    record Endpoint(String method, String path, String summary, String summaryZh, boolean open) {
    }

    private final String openApi;
    private final Map<String, Object> index;
    private final String html;

    private ApiIndex(String openApi, Map<String, Object> index, String html) {
        this.openApi = openApi;
        this.index = index;
        this.html = html;
    }

    /** Reads the OpenAPI document shipped with the intake. */
    static ApiIndex load(ObjectMapper mapper) {
        String openApi = openApiDocument();
        try {
            JsonNode doc = mapper.readTree(openApi);
            List<Endpoint> endpoints = endpointsOf(doc);
            var index = new LinkedHashMap<String, Object>();
            index.put("name", doc.path("info").path("title").asText());
            index.put("nameZh", doc.path("info").path("x-titleZh").asText());
            index.put("version", doc.path("info").path("version").asText());
            index.put("openapi", OPENAPI_PATH);
            index.put("problems", PROBLEMS_PATH);
            index.put("authentication", "Authorization: Bearer <department key> (or X-API-Key: <key>) on every endpoint"
                    + " not marked public");
            index.put("endpoints", endpoints.stream().map(e -> {
                var m = new LinkedHashMap<String, Object>();
                m.put("method", e.method());
                m.put("path", e.path());
                m.put("summary", e.summary());
                m.put("summaryZh", e.summaryZh());
                m.put("public", e.open());
                return m;
            }).toList());
            return new ApiIndex(openApi, index, html(doc, endpoints));
        } catch (IOException e) {
            throw new IllegalStateException(OPENAPI_RESOURCE + " is not JSON", e);
        }
    }

    /** The OpenAPI document's text, from the classpath. */
    static String openApiDocument() {
        try (InputStream in = ApiIndex.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Endpoint> endpointsOf(JsonNode doc) {
        var endpoints = new ArrayList<Endpoint>();
        boolean openByDefault = doc.path("security").isArray() && doc.path("security").isEmpty();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode op = operation.getValue();
            boolean open = op.has("security") ? op.get("security").isEmpty() : openByDefault;
            endpoints.add(new Endpoint(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.path("summary").asText(),
                    op.path("x-summaryZh").asText(), open));
        }));
        return endpoints;
    }

    /** GET /, /api/v1: the index, as HTML when a browser asks for it. */
    void index(Context ctx) {
        ctx.header("Vary", "Accept");
        String accept = ctx.header("Accept");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html")) {
            ctx.contentType("text/html; charset=utf-8").result(html);
        } else {
            ctx.json(index);
        }
    }

    /** GET /api/v1/openapi.json. */
    void openApi(Context ctx) {
        ctx.contentType("application/json; charset=utf-8").result(openApi);
    }

    /** GET /problems: every problem type with its explanation. */
    void problems(Context ctx) {
        ctx.json(new TreeMap<>(Problems.EXPLANATIONS).entrySet().stream()
                .map(e -> Map.of("type", PROBLEMS_PATH + "/" + e.getKey(), "explanation", e.getValue())).toList());
    }

    private static String html(JsonNode doc, List<Endpoint> endpoints) {
        var rows = new StringBuilder();
        for (Endpoint e : endpoints) {
            String path = escape(e.path());
            boolean link = e.method().equals("GET") && !e.path().contains("{");
            rows.append("<tr><td>").append(e.method()).append("</td><td><code>")
                    .append(link ? "<a href=\"" + path + "\">" + path + "</a>" : path).append("</code></td><td>")
                    .append(escape(e.summary())).append("<br><span lang=\"zh\">").append(escape(e.summaryZh()))
                    .append("</span></td><td>").append(e.open() ? "public / 公开" : "department key / 部门密钥")
                    .append("</td></tr>\n");
        }
        String title = escape(doc.path("info").path("title").asText());
        String titleZh = escape(doc.path("info").path("x-titleZh").asText());
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>body{font-family:sans-serif;margin:2em;max-width:70em}td{padding:.3em .8em;vertical-align:top}
                tr:nth-child(even){background:#f4f4f4}code{white-space:nowrap}</style></head>
                <body><h1>%s <span lang="zh">%s</span></h1>
                <p><strong><a href="/department" lang="zh">部门填报页</a> · <a href="/department?lang=en">the departments' page</a></strong>:
                sign in with the department key to report, upload the spreadsheet and see your targets in the browser.</p>
                <p>%s</p>
                <p>The <a href="%s">OpenAPI document</a> describes every endpoint; every error is a
                <a href="%s">problem type</a> in English and Chinese. Endpoints marked with a key need
                <code>Authorization: Bearer &lt;department key&gt;</code>.<br><span lang="zh">接口说明见
                <a href="%s">OpenAPI 文档</a>，错误类型见 <a href="%s">问题类型</a>；需密钥的接口请在请求头提供本部门的 API 密钥。</span></p>
                <table><tr><th>Method</th><th>Path</th><th>What</th><th>Access</th></tr>
                %s</table></body></html>
                """.formatted(title, title, titleZh, escape(doc.path("info").path("description").asText()), OPENAPI_PATH,
                PROBLEMS_PATH, OPENAPI_PATH, PROBLEMS_PATH, rows);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
