package org.jingan.progress.monitor.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny OIDC issuer for tests: an RSA key of its own, its public half served as a JWKS over HTTP on 127.0.0.1
 * ({@code /.well-known/jwks.json}), and signed access tokens with whatever claims a test needs.
 */
public final class TestIssuer implements AutoCloseable {
    public static final String AUDIENCE = "progress-monitor";
    private static final String KEY_ID = "test-key-1";

    private final RSAKey key;
    private final HttpServer server;
    private final AtomicInteger jwksFetches = new AtomicInteger();

    public TestIssuer() throws JOSEException, IOException {
        key = rsaKey();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    /** The issuer's identifier, the tokens' {@code iss}. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/jingan";
    }

    public URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    public OidcSettings settings() {
        return OidcSettings.of(issuer(), jwksUrl(), AUDIENCE);
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** A token for {@code name} with {@code roles} in the {@code roles} claim, valid for five minutes. */
    public String token(String name, String... roles) {
        return token(claims -> claims.claim("preferred_username", name).claim("roles", List.of(roles)));
    }

    /** A valid token's claims (iss, aud, sub, iat, exp) as {@code change} leaves them, signed with the issuer's key. */
    public String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(key, change.apply(validClaims()).build());
    }

    /** The same claims signed by another key that claims the issuer's key id: a forgery. */
    public String forgedToken(String name, String... roles) throws JOSEException {
        return sign(rsaKey(), validClaims().claim("preferred_username", name).claim("roles", List.of(roles)).build());
    }

    /** Claims nested as Keycloak puts realm roles: {@code realm_access.roles}. */
    public static Map<String, Object> realmAccess(String... roles) {
        return Map.of("roles", List.of(roles));
    }

    private JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE).subject("user-" + now.toEpochMilli())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID)
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsaKey() throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
