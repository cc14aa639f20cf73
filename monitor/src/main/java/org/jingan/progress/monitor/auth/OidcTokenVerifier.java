package org.jingan.progress.monitor.auth;

import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Checks an OIDC access token (a signed JWT) against the issuer's published keys: signature (RSA or EC, never
 * {@code none} or HMAC), {@code iss} exactly, {@code aud} holding the monitor's client id, {@code exp} in the future
 * (and {@code nbf}, if any, past), with the library's minute of clock skew. The keys are fetched from the JWKS URL
 * and cached; an unknown key id fetches them again (rate-limited), so the issuer may rotate keys.
 */
public final class OidcTokenVerifier {
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final OidcSettings settings;
    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public OidcTokenVerifier(OidcSettings settings) {
        this.settings = settings;
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(settings.jwksUrl().toURL()).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("OIDC JWKS URL " + settings.jwksUrl() + ": " + e.getMessage(), e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Set.of(settings.audience()),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("exp", "sub"), Set.of()));
    }

    /** The operator a valid token names; throws saying why a token is not accepted. */
    public Operator verify(String token) throws InvalidCredentialsException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidCredentialsException("the bearer token is not a JWT", e);
        } catch (BadJOSEException e) {
            throw new InvalidCredentialsException("the bearer token was refused: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new InvalidCredentialsException("the bearer token could not be checked: " + e.getMessage(), e);
        }
        String name = firstText(claims, "preferred_username", "sub");
        try {
            return new Operator(name, role(claims));
        } catch (IllegalArgumentException e) {
            throw new InvalidCredentialsException("the bearer token's name is unusable: " + e.getMessage(), e);
        }
    }

    /** Operator if the role claim holds the operator value, else viewer if it holds that one, else NONE. */
    private Role role(JWTClaimsSet claims) {
        Collection<String> values = claimValues(claims.getClaims(), settings.roleClaim());
        if (values.contains(settings.operatorRole())) {
            return Role.OPERATOR;
        }
        return values.contains(settings.viewerRole()) ? Role.VIEWER : Role.NONE;
    }

    /** The strings at a dotted path ({@code realm_access.roles}): one string or an array of them; else none. */
    static Collection<String> claimValues(Map<String, Object> claims, String path) {
        Object node = claims;
        for (String step : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return List.of();
            }
            node = map.get(step);
        }
        if (node instanceof String single) {
            return List.of(single);
        }
        if (node instanceof Collection<?> many) {
            return many.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static String firstText(JWTClaimsSet claims, String... names) {
        for (String name : names) {
            Object value = claims.getClaim(name);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }
}
