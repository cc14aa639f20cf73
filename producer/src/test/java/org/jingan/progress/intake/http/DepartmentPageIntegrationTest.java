package org.jingan.progress.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.UpdateKind;
import org.jingan.progress.intake.IntakeFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The department page's HTTP side on a real broker and registry, without a browser: the sign-in that swaps the key for
 * a cookie, the CSRF lock, the same validator and answers as the API, one count per form, the retraction and the
 * upload's preview. {@code DepartmentPageBrowserTest} (local-stack) drives the page itself.
 */
class DepartmentPageIntegrationTest {
    private static final String PAGE = "/department";
    @TempDir
    static Path dir;
    static IntakeFixture intake;

    @BeforeAll
    static void start() {
        intake = IntakeFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        intake.close();
    }

    /** A signed-in browser: its cookie and CSRF token. */
    private record Browser(String cookie, String csrf) {
        HttpRequest.Builder request(String path, String... headers) {
            HttpRequest.Builder b = intake.request(path, null, headers).header("Cookie", cookie);
            return csrf == null ? b : b.header(DepartmentPage.CSRF_HEADER, csrf);
        }
    }

    private static Browser signIn(String key) {
        HttpResponse<String> response = intake.send(intake.request(PAGE + "/session", null).header("Content-Type", "application/json")
                .header("Origin", intake.server.url()).POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + key + "\"}")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return new Browser(setCookie.substring(0, setCookie.indexOf(';')), intake.json(response).get("csrfToken").asText());
    }

    private static HttpResponse<String> postJson(Browser browser, String path, String json, String... headers) {
        return intake.send(browser.request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void shouldSwapTheKeyForAnHttpOnlyStrictCookieAndRefuseAWrongKey() {
        HttpResponse<String> wrong = intake.send(intake.request(PAGE + "/session", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"jpk_not-a-key\"}")).build());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(intake.json(wrong).get("detailZh").asText()).contains("密钥无效");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> right = intake.send(intake.request(PAGE + "/session", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + intake.constructionKey + "\"}")).build());
        assertThat(right.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
                .startsWith("intake_session=").contains("HttpOnly", "SameSite=Strict", "Path=/department").doesNotContain(intake.constructionKey));
        assertThat(right.body()).doesNotContain(intake.constructionKey);
        Browser browser = signIn(intake.constructionKey);
        HttpResponse<String> who = intake.send(browser.request(PAGE + "/session").GET().build());
        assertThat(intake.json(who).get("department").asText()).isEqualTo("construction");
        assertThat(intake.send(intake.request(PAGE + "/api/overview", null).GET().build()).statusCode()).as("no cookie").isEqualTo(401);
        assertThat(intake.send(intake.request(PAGE + "/api/overview", intake.constructionKey).GET().build()).statusCode())
                .as("the page takes its session, not the API's key").isEqualTo(401);
    }

    @Test
    void shouldServeThePageFromTheIntakeItselfWithoutInlineScriptOrCdn() {
        HttpResponse<String> page = intake.get(PAGE, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(page.body()).contains("/department/assets/app.js").doesNotContain("http://").doesNotContain("https://")
                .doesNotContainPattern("<script>[^<]");
        assertThat(intake.get(PAGE + "/assets/app.js", null).body()).doesNotContain("localStorage.setItem").doesNotContain("sessionStorage.setItem");
        assertThat(intake.get(PAGE + "/assets/../session", null).statusCode()).isNotEqualTo(200);
        // the English units, from the one table (UnitNames), as a script of the page's own origin
        HttpResponse<String> units = intake.get(PAGE + "/assets/units.js", null);
        assertThat(units.statusCode()).isEqualTo(200);
        assertThat(units.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(units.body()).startsWith("window.UNITS_EN = {").contains("\"亿元\":{\"one\":\"× 100 million yuan\"")
                .contains("\"户\":{\"one\":\"household\",\"other\":\"households\"}");
    }

    @Test
    void shouldRefuseAChangeWithoutTheCsrfTokenOrFromAnotherSite() {
        Browser browser = signIn(intake.constructionKey);
        String report = "{\"targetId\":\"c-elevators\",\"kind\":\"CUMULATIVE_TO_DATE\",\"value\":\"9\",\"eventTime\":\"2020-05-31\"}";

        HttpResponse<String> noToken = postJson(new Browser(browser.cookie(), null), PAGE + "/api/reports", report);
        HttpResponse<String> wrongToken = postJson(new Browser(browser.cookie(), "forged"), PAGE + "/api/reports", report);
        HttpResponse<String> crossSite = postJson(browser, PAGE + "/api/reports", report, "Origin", "https://evil.example");

        assertThat(List.of(noToken.statusCode(), wrongToken.statusCode(), crossSite.statusCode())).containsOnly(403);
        assertThat(intake.json(crossSite).get("type").asText()).isEqualTo("/problems/cross-site-request");
    }

    @Test
    void shouldCheckWithTheApisValidatorAndCountAFormSentTwiceOnce() {
        Browser browser = signIn(intake.constructionKey);

        HttpResponse<String> check = postJson(browser, PAGE + "/api/reports/check",
                "{\"targetId\":\"c-elevators\",\"kind\":\"CUMULATIVE_TO_DATE\",\"value\":\"三\",\"eventTime\":\"2020-05-31\"}");
        JsonNode errors = intake.json(check).get("errors");
        HttpResponse<String> api = intake.postJson("/api/v1/reports", intake.constructionKey,
                "{\"targetId\":\"c-elevators\",\"kind\":\"CUMULATIVE_TO_DATE\",\"value\":\"三\",\"eventTime\":\"2020-05-31\"}");
        assertThat(errors).isEqualTo(intake.json(api).get("errors")).as("the same messages as the API");
        assertThat(errors.get(0).get("field").asText()).isEqualTo("value");

        String form = "{\"targetId\":\"c-elevators\",\"kind\":\"CUMULATIVE_TO_DATE\",\"value\":\"17\",\"eventTime\":\"2020年5月31日\",\"reporter\":\"王工\"}";
        String key = "web-" + UUID.randomUUID();
        HttpResponse<String> first = postJson(browser, PAGE + "/api/reports", form, "Idempotency-Key", key);
        HttpResponse<String> again = postJson(browser, PAGE + "/api/reports", form, "Idempotency-Key", key);

        assertThat(List.of(first.statusCode(), again.statusCode())).containsOnly(202);
        String eventId = intake.json(first).get("eventId").asText();
        assertThat(intake.json(again).get("eventId").asText()).isEqualTo(eventId);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        List<ProgressEvent> stored = intake.events().stream().filter(e -> e.getEventId().equals(eventId)).toList();
        assertThat(stored).singleElement().satisfies(e -> {
            assertThat(e.getChannel()).isEqualTo("WEB");
            assertThat(e.getReporter()).isEqualTo("王工");
        });

        HttpResponse<String> foreign = postJson(browser, PAGE + "/api/reports",
                "{\"targetId\":\"m-retail-sales\",\"value\":\"1\",\"eventTime\":\"2020-05-31\"}");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(intake.send(browser.request(PAGE + "/api/targets/m-retail-sales/history").GET().build()).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldListTheDepartmentsOwnReportsAndRetractOneWithAReason() {
        Browser browser = signIn(intake.commerceKey);
        HttpResponse<String> report = intake.postJson("/api/v1/reports", intake.commerceKey,
                "{\"targetId\":\"m-retail-sales\",\"kind\":\"CUMULATIVE_TO_DATE\",\"value\":\"250\",\"eventTime\":\"2020-05-31\",\"reporter\":\"李工\"}");
        String eventId = intake.json(report).get("eventId").asText();
        Awaitility.await().until(() -> overview(browser).get("reports").findValuesAsText("eventId").contains(eventId));
        JsonNode overview = overview(browser);
        assertThat(overview.get("targets").findValuesAsText("id")).contains("m-retail-sales").doesNotContain("c-elevators");
        assertThat(overview.get("standings").asText()).as("no streams app configured").isEqualTo("not-configured");

        HttpResponse<String> noReason = postJson(browser, PAGE + "/api/retractions", "{\"eventId\":\"" + eventId + "\"}");
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(intake.json(noReason).get("errors").get(0).get("field").asText()).isEqualTo("reason");
        HttpResponse<String> notOwn = postJson(signIn(intake.constructionKey), PAGE + "/api/retractions",
                "{\"eventId\":\"" + eventId + "\",\"reason\":\"x\"}");
        assertThat(notOwn.statusCode()).as("another department's report").isEqualTo(422);

        HttpResponse<String> retraction = postJson(browser, PAGE + "/api/retractions",
                "{\"eventId\":\"" + eventId + "\",\"reason\":\"统计口径有误\"}", "Idempotency-Key", "web-" + UUID.randomUUID());

        assertThat(retraction.statusCode()).as(retraction.body()).isEqualTo(202);
        String correction = intake.json(retraction).get("eventId").asText();
        ProgressEvent stored = intake.events().stream().filter(e -> e.getEventId().equals(correction)).findFirst().orElseThrow();
        assertThat(stored.getKind()).isEqualTo(UpdateKind.CORRECTION);
        assertThat(stored.getCorrectsEventId()).isEqualTo(eventId);
        assertThat(stored.getNote()).isEqualTo("统计口径有误");
        Awaitility.await().until(() -> overview(browser).get("reports").toString().contains("\"retractedBy\":\"" + correction + "\""));
    }

    @Test
    void shouldPreviewAGbkSpreadsheetNamingTheBadRowAndStoreNothing() {
        Browser browser = signIn(intake.constructionKey);
        byte[] csv = ("目标编号,日期,类型,数值,填报人\r\nc-elevators,2020/5/20,累计,20,王工\r\nc-elevators,2020/5/21,累计,多,王工\r\n")
                .getBytes(Charset.forName("GBK"));
        String boundary = "----page-test";
        byte[] form = multipart(boundary, csv);
        int before = intake.events().size();

        HttpResponse<String> preview = intake.send(browser.request(PAGE + "/api/upload/preview")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(form)).build());

        JsonNode body = intake.json(preview);
        assertThat(body.get("format").asText()).isEqualTo("GB18030");
        assertThat(body.get("valid").asBoolean()).isFalse();
        assertThat(body.get("rows").findValuesAsText("reporter")).containsOnly("王工");
        assertThat(body.get("errors")).singleElement().satisfies(e -> assertThat(e.get("line").asInt()).isEqualTo(3));
        assertThat(intake.events()).hasSize(before);
    }

    private static byte[] multipart(String boundary, byte[] file) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"charset\"\r\n\r\nauto\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"进度.csv\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static JsonNode overview(Browser browser) {
        return intake.json(intake.send(browser.request(PAGE + "/api/overview").GET().build()));
    }
}
