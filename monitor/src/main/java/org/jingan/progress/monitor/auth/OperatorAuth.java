package org.jingan.progress.monitor.auth;

import java.nio.file.Path;

/**
 * How people sign in to the monitor, and whether reading needs it.
 *
 * @param operatorsFile the project's own hashed credentials ({@link OperatorsFile}): HTTP Basic and the console's
 *                      sign-in form; null for none
 * @param oidc          OIDC bearer tokens; null for none
 * @param anonymousRead true lets anyone read the console, its API and metrics; acting always needs an operator.
 *                      False by default: the console shows which department is behind, which is for the monitoring
 *                      center's staff
 */
public record OperatorAuth(Path operatorsFile, OidcSettings oidc, boolean anonymousRead) {
    public static final OperatorAuth NONE = new OperatorAuth(null, null, false);

    /** True when nobody can sign in: every protected request is then refused (the monitor says so at start). */
    public boolean noSignIn() {
        return operatorsFile == null && oidc == null;
    }

    public OperatorAuth withOperatorsFile(Path file) {
        return new OperatorAuth(file, oidc, anonymousRead);
    }

    public OperatorAuth withOidc(OidcSettings settings) {
        return new OperatorAuth(operatorsFile, settings, anonymousRead);
    }

    public OperatorAuth withAnonymousRead(boolean anonymous) {
        return new OperatorAuth(operatorsFile, oidc, anonymous);
    }
}
