package org.jingan.progress.monitor.auth;

import java.util.Locale;

import io.javalin.security.RouteRole;

/**
 * What a signed-in person may do in the monitoring center, each role including the ones before it. Routes declare
 * the role they need (Javalin route roles); {@code web.AccessFilter} checks it.
 */
public enum Role implements RouteRole {
    /** Signed in (e.g. an OIDC token without a monitor role), but may do nothing here. */
    NONE,
    /** May read the console, its API, its live stream and metrics. */
    VIEWER,
    /** May also act: acknowledge, silence, unsilence. */
    OPERATOR;

    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The lower-case name used in the operators file, in tokens and in the API: {@code viewer}, {@code operator}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code viewer} or {@code operator} (any letter case); NONE is never written down, so not accepted. */
    public static Role parse(String text) {
        String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (value.equals(VIEWER.name())) {
            return VIEWER;
        }
        if (value.equals(OPERATOR.name())) {
            return OPERATOR;
        }
        throw new IllegalArgumentException("role must be 'viewer' or 'operator', was '" + text + "'");
    }
}
