package org.jingan.progress.monitor.web;

import io.javalin.http.Context;

/**
 * Tells a browser's request sent by another site from one sent by the console itself. Browsers send
 * {@code Origin} on every POST and DELETE, and {@code Sec-Fetch-Site} on every request, and a page cannot forge
 * either. A request with neither comes from a tool (curl, a script), which no other site can make a browser send.
 */
final class SameOrigin {
    private SameOrigin() {
    }

    /** Null when the request may come from this origin; else why it may not. */
    static String whyCrossOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "Sec-Fetch-Site is '" + site + "'";
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equalsIgnoreCase(own(ctx))) {
            return "Origin '" + origin + "' is not this monitor's (" + own(ctx) + ")";
        }
        return null;
    }

    /**
     * This monitor's origin as the browser addressed it: the scheme (a TLS-terminating proxy's
     * {@code X-Forwarded-Proto}, which a cross-site page cannot set) and the {@code Host} header.
     */
    static String own(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        String scheme = forwarded == null || forwarded.isBlank() ? ctx.scheme() : forwarded.strip();
        return scheme + "://" + ctx.host();
    }

    static boolean secure(Context ctx) {
        return own(ctx).startsWith("https:");
    }
}
