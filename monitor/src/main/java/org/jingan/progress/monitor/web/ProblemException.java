package org.jingan.progress.monitor.web;

import java.util.Map;

/** Ends a request with a {@link Problem}, and the headers it needs (e.g. {@code WWW-Authenticate} on a 401). */
final class ProblemException extends RuntimeException {
    private final transient Problem problem;
    private final transient Map<String, String> headers;

    ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false); // an answer, not a fault: no stack trace
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    Problem problem() {
        return problem;
    }

    Map<String, String> headers() {
        return headers;
    }
}
