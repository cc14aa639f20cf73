package org.jingan.progress.monitor.auth;

import java.net.URI;

/**
 * Where operators' bearer tokens come from and how to read them.
 *
 * @param issuer       the tokens' {@code iss}, exactly (e.g. {@code https://sso.example/realms/jingan})
 * @param jwksUrl      the issuer's signing keys (JWKS), e.g. {@code <issuer>/protocol/openid-connect/certs} on Keycloak
 * @param audience     a value the tokens' {@code aud} must hold: the client id the monitor is registered as
 * @param roleClaim    where the roles are: a claim name or a dotted path ({@code roles}, {@code realm_access.roles});
 *                     a string or an array of strings
 * @param operatorRole the role value that makes an operator
 * @param viewerRole   the role value that makes a viewer
 */
public record OidcSettings(String issuer, URI jwksUrl, String audience, String roleClaim, String operatorRole,
                           String viewerRole) {
    public static final String DEFAULT_ROLE_CLAIM = "roles";

    public OidcSettings {
        requireText(issuer, "OIDC issuer (--oidc-issuer)");
        if (jwksUrl == null) {
            throw new IllegalArgumentException("Missing OIDC JWKS URL (--oidc-jwks-url): the issuer's signing keys");
        }
        if (!"https".equals(jwksUrl.getScheme()) && !"http".equals(jwksUrl.getScheme())) {
            throw new IllegalArgumentException("the OIDC JWKS URL must be http(s), was " + jwksUrl);
        }
        requireText(audience, "OIDC audience (--oidc-audience): the client id tokens are issued for");
        requireText(roleClaim, "OIDC role claim (--oidc-role-claim)");
        requireText(operatorRole, "OIDC operator role value");
        requireText(viewerRole, "OIDC viewer role value");
    }

    /** Settings with the default claim {@code roles} and role values {@code operator} and {@code viewer}. */
    public static OidcSettings of(String issuer, URI jwksUrl, String audience) {
        return new OidcSettings(issuer, jwksUrl, audience, DEFAULT_ROLE_CLAIM, Role.OPERATOR.id(), Role.VIEWER.id());
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing " + what);
        }
    }
}
