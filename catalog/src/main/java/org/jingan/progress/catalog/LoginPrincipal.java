package org.jingan.progress.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka principal a client's settings log in as, e.g. {@code User:catalog}: the name a catalog revision is
 * recorded under. It is read from the SASL login ({@code username="..."} of a PLAIN or SCRAM {@code sasl.jaas.config});
 * the broker checks that login's password before it accepts the write, and only the catalog role and the admin may
 * write the targets topic (AccessPlan). A client without security settings is Kafka's {@code User:ANONYMOUS}.
 * Other logins (TLS certificates, OAuth, a {@code ${file:...}} provider) name no user here: they are refused rather
 * than recorded as someone unknown.
 */
public final class LoginPrincipal {
    private static final Pattern USERNAME = Pattern.compile("\\busername\\s*=\\s*\"([^\"]+)\"");
    public static final String ANONYMOUS = "User:ANONYMOUS";

    private LoginPrincipal() {
    }

    /** {@code User:<name>} of the SASL PLAIN/SCRAM login in {@code clientConfig}; throws when it cannot be told. */
    public static String of(Map<String, ?> clientConfig) {
        String protocol = text(clientConfig.get("security.protocol"));
        if (protocol == null || protocol.equalsIgnoreCase("PLAINTEXT")) {
            return ANONYMOUS;
        }
        String mechanism = text(clientConfig.get("sasl.mechanism"));
        String jaas = text(clientConfig.get("sasl.jaas.config"));
        boolean sasl = protocol.toUpperCase(Locale.ROOT).startsWith("SASL_");
        boolean named = mechanism == null || mechanism.equals("PLAIN") || mechanism.startsWith("SCRAM-");
        if (sasl && named && jaas != null && !jaas.contains("${")) {
            Matcher m = USERNAME.matcher(jaas);
            if (m.find()) {
                return "User:" + m.group(1);
            }
        }
        throw new PublishException(PublishException.Reason.FAILED, "Cannot tell which Kafka principal these settings"
                + " log in as (security.protocol=" + protocol + ", sasl.mechanism=" + mechanism + "): a catalog"
                + " revision records who made it, so publish with a SASL PLAIN or SCRAM login written out in"
                + " sasl.jaas.config (e.g. the local stack's <data>/credentials/catalog.properties)", null);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        // a Kafka Password object prints as [hidden]: read its value
        String s = value instanceof org.apache.kafka.common.config.types.Password p ? p.value() : value.toString();
        return s.isBlank() ? null : s.strip();
    }
}
