package org.jingan.progress.intake.cli;

/** Exit codes scripts can rely on. */
public final class ExitCodes {
    /** Everything was accepted (or listed). */
    public static final int OK = 0;
    /** The input was refused: invalid report or spreadsheet; nothing was written. */
    public static final int REJECTED = 1;
    /** Wrong command line: unknown option, missing argument, conflicting options. */
    public static final int USAGE = 2;
    /** The intake, broker or registry could not be reached or did not acknowledge: retry later. */
    public static final int UNREACHABLE = 3;
    /** No, unknown or rotated API key (401), or a target of another department (403). */
    public static final int AUTH = 4;

    static final String[] LIST = {
            "0:accepted (or listed)",
            "1:input refused: invalid report or spreadsheet, nothing written",
            "2:usage error: wrong options or arguments",
            "3:intake, broker or registry unreachable: nothing (more) written, retry later",
            "4:authentication or authorization failed: missing/unknown API key, or another department's target"};

    private ExitCodes() {
    }

    /** The exit code for an HTTP status of the intake. */
    public static int forStatus(int status) {
        if (status >= 200 && status < 300) {
            return OK;
        }
        if (status == 401 || status == 403) {
            return AUTH;
        }
        if (status == 404 || status == 405) {
            return USAGE; // the URL does not point at the intake API
        }
        if (status >= 500 || status == 408 || status == 429) {
            return UNREACHABLE;
        }
        return REJECTED;
    }
}
