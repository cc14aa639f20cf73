package org.jingan.progress.monitor.web;

import org.jingan.progress.monitor.auth.Operator;
import org.jingan.progress.monitor.auth.Sessions;

/**
 * Who sent a request, as authentication established it.
 *
 * @param operator the signed-in person
 * @param session  the console session when the request came with its cookie (its changes then need the session's
 *                 CSRF token); null when it came with an Authorization header (tools, scripts: a browser that
 *                 cached Basic credentials is held off cross-site by the origin and JSON checks instead)
 */
record Caller(Operator operator, Sessions.Session session) {
    static final String ATTRIBUTE = "monitor.caller";
}
