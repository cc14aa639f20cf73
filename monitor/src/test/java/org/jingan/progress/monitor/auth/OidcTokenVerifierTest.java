package org.jingan.progress.monitor.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bearer tokens checked against a real JWKS served over HTTP by {@link TestIssuer}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcTokenVerifierTest {
    private TestIssuer issuer;
    private OidcTokenVerifier verifier;

    @BeforeAll
    void startIssuer() throws Exception {
        issuer = new TestIssuer();
        verifier = new OidcTokenVerifier(issuer.settings());
    }

    @AfterAll
    void stopIssuer() {
        issuer.close();
    }

    @Test
    void shouldAcceptAValidTokenWithItsNameAndRole() throws Exception {
        assertThat(verifier.verify(issuer.token("zhao.liu", "operator"))).isEqualTo(new Operator("zhao.liu", Role.OPERATOR));
        assertThat(verifier.verify(issuer.token("qian.qi", "viewer", "offline_access"))).isEqualTo(new Operator("qian.qi", Role.VIEWER));
        assertThat(issuer.jwksFetches()).as("the keys are fetched once and cached").isEqualTo(1);
    }

    @Test
    void shouldGiveNoRoleToATokenWithoutAMonitorRole() throws Exception {
        assertThat(verifier.verify(issuer.token("sun.ba", "offline_access")).role()).isEqualTo(Role.NONE);
    }

    @Test
    void shouldNameTheOperatorBySubWithoutAPreferredUsername() throws Exception {
        String token = issuer.token(c -> c.subject("3f2a-user").claim("roles", "operator"));
        assertThat(verifier.verify(token)).isEqualTo(new Operator("3f2a-user", Role.OPERATOR));
    }

    @Test
    void shouldReadRolesFromANestedClaim() throws Exception {
        OidcSettings keycloak = new OidcSettings(issuer.issuer(), issuer.jwksUrl(), TestIssuer.AUDIENCE,
                "realm_access.roles", "monitor-operator", "monitor-viewer");
        OidcTokenVerifier nested = new OidcTokenVerifier(keycloak);
        String token = issuer.token(c -> c.claim("preferred_username", "li.lei")
                .claim("realm_access", TestIssuer.realmAccess("default-roles-jingan", "monitor-operator")));
        assertThat(nested.verify(token)).isEqualTo(new Operator("li.lei", Role.OPERATOR));
    }

    @Test
    void shouldRefuseATokenOfAnotherIssuer() {
        String token = issuer.token(c -> c.issuer("https://elsewhere.example/realms/jingan").claim("roles", "operator"));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("iss");
    }

    @Test
    void shouldRefuseATokenForAnotherAudience() {
        String token = issuer.token(c -> c.audience("another-app").claim("roles", "operator"));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("aud");
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String token = issuer.token(c -> c.issueTime(Date.from(past.minusSeconds(300))).expirationTime(Date.from(past))
                .claim("roles", "operator"));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("Expired");
    }

    @Test
    void shouldRefuseATokenWithoutExpiry() {
        String token = issuer.token(c -> c.expirationTime(null).claim("roles", "operator"));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("exp");
    }

    @Test
    void shouldRefuseATokenSignedByAnotherKey() throws Exception {
        String forged = issuer.forgedToken("zhao.liu", "operator");
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void shouldRefuseAnUnsignedOrGarbledToken() throws Exception {
        String valid = issuer.token("zhao.liu", "operator");
        String[] parts = valid.split("\\.");
        String unsigned = "eyJhbGciOiJub25lIn0." + parts[1] + ".";
        assertThatThrownBy(() -> verifier.verify(unsigned)).isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> verifier.verify("not-a-token")).isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void shouldReadAClaimPathOfStringsOrOneString() {
        assertThat(OidcTokenVerifier.claimValues(java.util.Map.of("roles", List.of("a", 1, "b")), "roles")).containsExactly("a", "b");
        assertThat(OidcTokenVerifier.claimValues(java.util.Map.of("roles", "a"), "roles")).containsExactly("a");
        assertThat(OidcTokenVerifier.claimValues(java.util.Map.of("roles", "a"), "realm_access.roles")).isEmpty();
    }
}
