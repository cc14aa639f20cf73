package org.jingan.progress.monitor.web;

import java.time.Clock;

import org.jingan.progress.monitor.auth.OidcTokenVerifier;
import org.jingan.progress.monitor.auth.OperatorAuth;
import org.jingan.progress.monitor.auth.OperatorsFile;
import org.jingan.progress.monitor.auth.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;

/** Who may use the console's HTTP side: the sign-in methods of {@link OperatorAuth}, the access filter and sessions. */
public final class ConsoleAccess {
    private static final Logger log = LoggerFactory.getLogger(ConsoleAccess.class);

    private final CallerAuthentication authentication;
    private final AccessFilter filter;
    private final SessionApi sessionApi;

    private ConsoleAccess(CallerAuthentication authentication, boolean anonymousRead, Sessions sessions,
                          ObjectMapper json) {
        this.authentication = authentication;
        this.filter = new AccessFilter(authentication, anonymousRead);
        this.sessionApi = new SessionApi(authentication, sessions, json);
    }

    /** Reads the operators file (a bad one throws IllegalArgumentException) and sets up the OIDC token check. */
    public static ConsoleAccess from(OperatorAuth auth, Clock wallClock, ObjectMapper json) {
        OperatorsFile operators = auth.operatorsFile() == null ? null : OperatorsFile.load(auth.operatorsFile());
        OidcTokenVerifier oidc = auth.oidc() == null ? null : new OidcTokenVerifier(auth.oidc());
        if (auth.noSignIn()) {
            log.warn("No way to sign in is configured (--operators-file, --oidc-issuer): the console{} answers 401"
                    + " and nobody can acknowledge or silence", auth.anonymousRead() ? " can be read but" : "");
        }
        Sessions sessions = new Sessions(wallClock);
        return new ConsoleAccess(new CallerAuthentication(operators, oidc, sessions), auth.anonymousRead(), sessions,
                json);
    }

    /** The access filter before every matched route, and the sign-in routes. */
    void install(Javalin app) {
        app.beforeMatched(filter);
        sessionApi.addRoutes(app);
    }

    /** How one may sign in, for the start-up log. */
    public String describe() {
        return String.join("; ", authentication.schemes());
    }
}
