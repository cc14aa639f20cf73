package org.jingan.progress.kit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;

class RouteAccessTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    /** "Key k1" is ann, an operator; any other key is wrong; none is anonymous. */
    private final Authenticator keys = ctx -> {
        String key = ctx.header("Key");
        if (key == null) {
            return Optional.empty();
        }
        if (!key.equals("k1")) {
            throw new ProblemException(new Problem(401, "unauthorized", "Unknown key", "密钥无效", "Not a key of ours.")
                    .withHeader("WWW-Authenticate", "Key"));
        }
        return Optional.of(new Principal("ann", Set.of("operator")));
    };
    private Javalin app;

    @BeforeEach
    void start() {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
        });
        new ProblemMapping(mapper).install(app);
        app.before("/private/*", ctx -> RouteAccess.require(ctx, keys, () -> new ProblemException(
                new Problem(401, "unauthorized", "Key required", "需要密钥", "Send a Key header.")
                        .withHeader("WWW-Authenticate", "Key"))));
        app.get("/private/me", ctx -> ctx.result(RouteAccess.principal(ctx).map(Principal::name).orElse("?")));
        app.get("/public", ctx -> ctx.result(RouteAccess.identify(ctx, keys).map(Principal::name).orElse("anonymous")));
        app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void shouldKeepTheAuthenticatedPrincipalForTheHandler() throws Exception {
        HttpResponse<String> me = get("/private/me", "k1");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo("ann");
    }

    @Test
    void shouldAnswerMissingAndWrongCredentialsWithA401Problem() throws Exception {
        HttpResponse<String> none = get("/private/me", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Key");
        assertThat(mapper.readTree(none.body()).path("title").asText()).isEqualTo("Key required");
        HttpResponse<String> wrong = get("/private/me", "k2");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(mapper.readTree(wrong.body()).path("type").asText()).isEqualTo("/problems/unauthorized");
    }

    @Test
    void shouldLetAnOpenRouteAskWithoutRequiring() throws Exception {
        assertThat(get("/public", null).body()).isEqualTo("anonymous");
        assertThat(get("/public", "k1").body()).isEqualTo("ann");
        assertThat(new Principal("ann", Set.of("operator")).hasRole("operator")).isTrue();
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).GET();
        if (key != null) {
            request.header("Key", key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
