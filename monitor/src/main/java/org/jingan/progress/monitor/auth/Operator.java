package org.jingan.progress.monitor.auth;

import java.util.Objects;

/**
 * A signed-in person: the name decisions are recorded under ("by") and their role. Only authentication makes one,
 * never a request body.
 *
 * @param name who, as the operators file or the identity provider names them
 * @param role what they may do
 */
public record Operator(String name, Role role) {
    private static final int MAX_NAME_LENGTH = 128;

    public Operator {
        Objects.requireNonNull(role, "role");
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.codePoints().anyMatch(Character::isISOControl)) {
            // it is shown in the console and written to the decision log: no blanks, no control characters
            throw new IllegalArgumentException("an operator's name must be 1.." + MAX_NAME_LENGTH
                    + " characters without control characters");
        }
    }

    public boolean may(Role needed) {
        return role.includes(needed);
    }
}
