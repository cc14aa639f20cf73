package org.jingan.progress.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.monitor.MonitorFixture.Login;
import org.jingan.progress.monitor.auth.OperatorLine;
import org.jingan.progress.monitor.auth.OperatorsFile;
import org.jingan.progress.monitor.auth.PasswordHash;
import org.jingan.progress.monitor.auth.Role;
import org.jingan.progress.monitor.auth.TestIssuer;
import org.jingan.progress.testkit.TopicContents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who may do what on the monitor's HTTP side, on the real broker and registry: one monitor taking both the
 * operators file (HTTP Basic, the sign-in form) and OIDC bearer tokens from {@link TestIssuer}'s JWKS; each test
 * acts on an alert of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorOperatorsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant SINCE = Instant.parse("2020-05-01T00:00:00Z");
    private static final List<String> TARGETS = List.of("anonymous", "viewer", "operator", "cross-origin", "session",
            "oidc", "read");

    private MonitorFixture fixture;
    private TestIssuer issuer;
    private MonitorServer monitor;

    @BeforeAll
    void start() throws Exception {
        fixture = new MonitorFixture();
        issuer = new TestIssuer();
        monitor = MonitorServer.start(fixture.config().oidc(issuer.settings()).build());
        await().atMost(WAIT).until(monitor::isReady);
        for (String target : TARGETS) {
            fixture.send(Alerts.firing(target, AlertKind.BEHIND, SINCE));
        }
        await().atMost(WAIT).until(() -> fixture.getJson(monitor, "/api/alerts").get("count").asInt() == TARGETS.size());
    }

    @AfterAll
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
        if (issuer != null) {
            issuer.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void shouldAnswerAnAcknowledgementWithoutIdentityWith401AndTheWaysToSignIn() throws Exception {
        HttpResponse<String> ack = fixture.post(monitor, "/api/alerts/anonymous/BEHIND/ack", "{}", null);

        assertThat(ack.statusCode()).isEqualTo(401);
        assertThat(ack.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .contains("Basic realm=\"progress-monitor\", charset=\"UTF-8\"").contains("Bearer realm=\"progress-monitor\""));
        assertThat(ack.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = fixture.json.readTree(ack.body());
        assertThat(problem.get("type").asText()).isEqualTo("/problems/unauthorized");
        assertThat(problem.get("titleZh").asText()).isEqualTo("需要登录");
        assertThat(acknowledgement("anonymous")).isNull();

        HttpResponse<String> wrongPassword = fixture.post(monitor, "/api/alerts/anonymous/BEHIND/ack", "{}",
                new Login(MonitorFixture.OPERATOR.name(), "guess"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(acknowledgement("anonymous")).isNull();
    }

    @Test
    void shouldForbidAViewerToAct() throws Exception {
        HttpResponse<String> ack = fixture.post(monitor, "/api/alerts/viewer/BEHIND/ack", "{}", MonitorFixture.VIEWER);
        HttpResponse<String> silence = fixture.post(monitor, "/api/alerts/viewer/BEHIND/silence?minutes=60", "{}",
                MonitorFixture.VIEWER);
        HttpResponse<String> unsilence = fixture.http(fixture.request(monitor, "/api/alerts/viewer/BEHIND/silence",
                MonitorFixture.VIEWER).DELETE().build());

        assertThat(List.of(ack.statusCode(), silence.statusCode(), unsilence.statusCode())).containsOnly(403);
        assertThat(fixture.json.readTree(ack.body()).get("detail").asText())
                .isEqualTo("'王五' is signed in as viewer; this needs operator");
        JsonNode alert = fixture.getJson(monitor, "/api/alerts/viewer/BEHIND");
        assertThat(alert.get("acknowledged").isNull() && alert.get("silenced").isNull()).as(alert.toString()).isTrue();
    }

    @Test
    void shouldRecordTheSignedInOperatorsNameAndIgnoreTheBodysBy() throws Exception {
        HttpResponse<String> ack = fixture.post(monitor, "/api/alerts/operator/BEHIND/ack",
                "{\"by\":\"冒名者\",\"note\":\"已联系区商务委\"}", MonitorFixture.OPERATOR);
        HttpResponse<String> silence = fixture.post(monitor, "/api/alerts/operator/BEHIND/silence?minutes=60&by=冒名者",
                "{\"by\":\"冒名者\"}", MonitorFixture.SECOND_OPERATOR);

        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(silence.statusCode()).as(silence.body()).isEqualTo(200);
        assertThat(fixture.json.readTree(ack.body()).get("acknowledged").get("by").asText()).isEqualTo("张三");
        JsonNode shown = fixture.getJson(monitor, "/api/alerts/operator/BEHIND");
        assertThat(shown.get("acknowledged").get("by").asText()).isEqualTo("张三");
        assertThat(shown.get("acknowledged").get("note").asText()).isEqualTo("已联系区商务委");
        assertThat(shown.get("silenced").get("by").asText()).isEqualTo("李四");
        // and so it stays in the decision log, which a restarted monitor reads back
        List<String> logged = TopicContents.values(fixture.cluster.clientConfig(), fixture.acksTopic,
                new StringDeserializer(), new StringDeserializer(), WAIT);
        JsonNode last = fixture.json.readTree(logged.stream().filter(v -> v != null && v.contains("operator/BEHIND"))
                .reduce((a, b) -> b).orElseThrow());
        assertThat(last.get("acknowledged").get("by").asText()).isEqualTo("张三");
        assertThat(last.get("silence").get("by").asText()).isEqualTo("李四");
        assertThat(logged).noneMatch(v -> v != null && v.contains("冒名者"));
    }

    @Test
    void shouldRefuseChangesFromAnotherOriginOrWithoutJson() throws Exception {
        String path = "/api/alerts/cross-origin/BEHIND/silence?minutes=60";
        // what another site's page can send without a CORS preflight: a text/plain POST, with the operator's
        // credentials if the browser had them (here, Basic)
        HttpResponse<String> crossSite = send(fixture.request(monitor, path, MonitorFixture.OPERATOR)
                .header("Content-Type", "text/plain").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> crossSiteJson = send(fixture.request(monitor, path, MonitorFixture.OPERATOR)
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> sameSiteOtherPort = send(fixture.request(monitor, path, MonitorFixture.OPERATOR)
                .header("Content-Type", "application/json").header("Origin", "http://127.0.0.1:8080")
                .header("Sec-Fetch-Site", "same-site").POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> form = send(fixture.request(monitor, path, MonitorFixture.OPERATOR)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("a=b")));
        HttpResponse<String> noType = send(fixture.request(monitor, path, MonitorFixture.OPERATOR)
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(fixture.json.readTree(crossSite.body()).get("type").asText()).isEqualTo("/problems/cross-origin");
        assertThat(crossSiteJson.statusCode()).isEqualTo(403);
        assertThat(sameSiteOtherPort.statusCode()).as("the dashboard's port is another origin").isEqualTo(403);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(noType.statusCode()).isEqualTo(415);
        assertThat(fixture.getJson(monitor, "/api/alerts/cross-origin/BEHIND").get("silenced").isNull()).isTrue();

        // the console itself: same origin, JSON
        HttpResponse<String> console = send(fixture.request(monitor, path, MonitorFixture.OPERATOR)
                .header("Content-Type", "application/json").header("Origin", monitor.baseUrl())
                .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(console.statusCode()).as(console.body()).isEqualTo(200);
    }

    @Test
    void shouldSignInWithTheFormAndNeedTheSessionsCsrfTokenForChanges() throws Exception {
        HttpResponse<String> wrong = send(json(fixture.request(monitor, "/api/session", null),
                "{\"name\":\"张三\",\"password\":\"guess\"}"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> signIn = send(json(fixture.request(monitor, "/api/session", null),
                "{\"name\":\"张三\",\"password\":\"" + MonitorFixture.OPERATOR.password() + "\"}"));
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("progress_monitor_session=").contains("; HttpOnly").contains("; SameSite=Strict")
                .contains("; Path=/").doesNotContain("Secure"); // plain http here; https adds Secure
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = fixture.json.readTree(signIn.body()).get("csrfToken").asText();
        JsonNode me = fixture.json.readTree(send(fixture.request(monitor, "/api/session", null).header("Cookie", cookie).GET()).body());
        assertThat(me.get("name").asText()).isEqualTo("张三");
        assertThat(me.get("role").asText()).isEqualTo("operator");
        assertThat(me.get("csrfToken").asText()).isEqualTo(csrf);

        String path = "/api/alerts/session/BEHIND/ack";
        HttpResponse<String> noToken = send(json(fixture.request(monitor, path, null).header("Cookie", cookie), "{}"));
        HttpResponse<String> wrongToken = send(json(fixture.request(monitor, path, null).header("Cookie", cookie)
                .header("X-CSRF-Token", "guess"), "{}"));
        assertThat(List.of(noToken.statusCode(), wrongToken.statusCode())).containsOnly(403);
        assertThat(fixture.json.readTree(noToken.body()).get("type").asText()).isEqualTo("/problems/csrf-token");

        HttpResponse<String> ack = send(json(fixture.request(monitor, path, null).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf), "{}"));
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(acknowledgement("session").get("by").asText()).isEqualTo("张三");

        HttpResponse<String> signOut = send(fixture.request(monitor, "/api/session", null).header("Cookie", cookie)
                .DELETE());
        assertThat(signOut.statusCode()).isEqualTo(204);
        assertThat(signOut.headers().firstValue("Set-Cookie")).hasValueSatisfying(v -> assertThat(v).contains("Max-Age=0"));
        assertThat(send(fixture.request(monitor, "/api/alerts", null).header("Cookie", cookie).GET()).statusCode())
                .as("the session is gone").isEqualTo(401);
    }

    @Test
    void shouldFollowTheOperatorsFileInASessionRoleChangedAtOnceRemovedSignedOut() throws Exception {
        Path file = MonitorFixture.OPERATORS_FILE;
        String hash = PasswordHash.hash("pw-zhao".toCharArray(), PasswordHash.MIN_ITERATIONS);
        OperatorsFile.put(file, new OperatorLine("赵六", Role.OPERATOR, hash));
        try {
            HttpResponse<String> signIn = send(json(fixture.request(monitor, "/api/session", null),
                    "{\"name\":\"赵六\",\"password\":\"pw-zhao\"}"));
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
            String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String csrf = fixture.json.readTree(signIn.body()).get("csrfToken").asText();

            OperatorsFile.put(file, new OperatorLine("赵六", Role.VIEWER, hash)); // the same password, a smaller role
            HttpResponse<String> demoted = send(json(fixture.request(monitor, "/api/alerts/session/BEHIND/silence?minutes=5",
                    null).header("Cookie", cookie).header("X-CSRF-Token", csrf), "{}"));
            assertThat(demoted.statusCode()).as(demoted.body()).isEqualTo(403);
            assertThat(send(fixture.request(monitor, "/api/alerts", null).header("Cookie", cookie).GET()).statusCode())
                    .isEqualTo(200);

            Files.write(file, Files.readAllLines(file).stream().filter(l -> !l.startsWith("赵六:")).toList());
            assertThat(send(fixture.request(monitor, "/api/alerts", null).header("Cookie", cookie).GET()).statusCode())
                    .as("removed from the file: signed out").isEqualTo(401);
        } finally {
            Files.write(file, Files.readAllLines(file).stream().filter(l -> !l.startsWith("赵六:")).toList());
        }
    }

    @Test
    void shouldAcceptOidcBearerTokensAndRefuseBadOnes() throws Exception {
        String path = "/api/alerts/oidc/BEHIND/ack";
        HttpResponse<String> viewer = send(json(bearer(path, issuer.token("qian.qi", "viewer")), "{}"));
        HttpResponse<String> noRole = send(bearer("/api/alerts", issuer.token("sun.ba", "offline_access")).GET());
        HttpResponse<String> otherIssuer = send(json(bearer(path, issuer.token(c -> c.issuer("https://elsewhere.example")
                .claim("preferred_username", "zhao.liu").claim("roles", "operator"))), "{}"));
        HttpResponse<String> expired = send(json(bearer(path, issuer.token(c -> c.claim("roles", "operator")
                .issueTime(java.util.Date.from(SINCE)).expirationTime(java.util.Date.from(SINCE.plusSeconds(300))))), "{}"));
        HttpResponse<String> forged = send(json(bearer(path, issuer.forgedToken("zhao.liu", "operator")), "{}"));

        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(noRole.statusCode()).as("signed in, but no monitor role").isEqualTo(403);
        for (HttpResponse<String> refused : List.of(otherIssuer, expired, forged)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                    assertThat(v).contains("Bearer realm=\"progress-monitor\", error=\"invalid_token\""));
        }
        assertThat(acknowledgement("oidc")).isNull();

        HttpResponse<String> operator = send(json(bearer(path, issuer.token("zhao.liu", "operator")), "{\"by\":\"冒名者\"}"));
        assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
        assertThat(acknowledgement("oidc").get("by").asText()).isEqualTo("zhao.liu");
    }

    @Test
    void shouldNeedAViewerToReadButLeaveTheProbesOpenOnTheManagementPort() throws Exception {
        assertThat(fixture.http(fixture.request(monitor, "/api/alerts", null).GET().build()).statusCode()).isEqualTo(401);
        assertThat(fixture.http(fixture.request(monitor, "/api/events", null).GET().build()).statusCode()).isEqualTo(401);
        HttpResponse<String> publicMetrics = fixture.http(fixture.request(monitor, "/metrics", MonitorFixture.VIEWER).GET().build());
        assertThat(publicMetrics.statusCode()).as("metrics are on the loopback management port only").isEqualTo(404);
        assertThat(fixture.json.readTree(publicMetrics.body()).get("type").asText()).isEqualTo("/problems/not-found");
        HttpResponse<String> page = fixture.http(fixture.request(monitor, "/?lang=en", null).GET().build());
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/login?next=%2F%3Flang%3Den");
        // the console's own script is not offered Basic, which would pop up the browser's password dialog
        HttpResponse<String> script = fixture.http(fixture.request(monitor, "/api/clock", null)
                .header("X-Requested-With", "XMLHttpRequest").GET().build());
        assertThat(script.statusCode()).isEqualTo(401);
        assertThat(script.headers().firstValue("WWW-Authenticate").orElseThrow()).doesNotContain("Basic")
                .contains("Cookie realm=\"progress-monitor\", form-action=\"/login\"");

        assertThat(fixture.http(fixture.request(monitor, "/api/alerts/read/BEHIND", MonitorFixture.VIEWER).GET().build())
                .statusCode()).isEqualTo(200);
        assertThat(monitor.managementUrl()).startsWith("http://127.0.0.1:");
        assertThat(fixture.management(monitor, "/health/ready").statusCode()).isEqualTo(200);
        assertThat(fixture.management(monitor, "/metrics").statusCode()).isEqualTo(200);
        assertThat(fixture.http(fixture.request(monitor, "/problems/csrf-token", null).GET().build()).body())
                .contains("X-CSRF-Token");
        assertThat(fixture.http(fixture.request(monitor, "/login", null).GET().build()).body()).contains("signin");
    }

    @Test
    void shouldLetAnyoneReadWhenAskedButStillNeedAnOperatorToAct() throws Exception {
        try (MonitorServer open = MonitorServer.start(fixture.config().groupId(fixture.cluster.uniqueName("open-monitor"))
                .anonymousRead(true).build())) {
            await().atMost(WAIT).until(open::isReady);
            await().atMost(WAIT).until(() -> fixture.http(fixture.request(open, "/api/alerts", null).GET().build()).statusCode() == 200);
            assertThat(fixture.http(fixture.request(open, "/", null).GET().build()).statusCode()).isEqualTo(200);
            assertThat(fixture.post(open, "/api/alerts/read/BEHIND/ack", "{}", null).statusCode()).isEqualTo(401);
            assertThat(fixture.post(open, "/api/alerts/read/BEHIND/ack", "{}", MonitorFixture.VIEWER).statusCode()).isEqualTo(403);
        }
    }

    private HttpRequest.Builder bearer(String path, String token) {
        return fixture.request(monitor, path, null).header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.Builder json(HttpRequest.Builder request, String body) {
        return request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return fixture.http(request.build());
    }

    /** The acknowledgement the console shows for {@code target}'s alert; null when none. */
    private JsonNode acknowledgement(String target) throws Exception {
        JsonNode ack = fixture.getJson(monitor, "/api/alerts/" + target + "/BEHIND").get("acknowledged");
        return ack == null || ack.isNull() ? null : ack;
    }
}
