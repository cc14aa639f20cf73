package org.jingan.progress.kit.http;

import java.util.Objects;

/** Ends a request with a {@link Problem} (and its headers); {@link ProblemMapping} writes it. An answer, not a fault. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(Objects.requireNonNull(problem, "problem").detail(), null, false, false); // no stack trace to fill
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
