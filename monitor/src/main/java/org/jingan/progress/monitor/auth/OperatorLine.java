package org.jingan.progress.monitor.auth;

import java.util.regex.Pattern;

/**
 * One line of the operators file: {@code name:role:hash}, e.g. {@code 张三:operator:pbkdf2-sha256$600000$...}.
 *
 * @param name the operator's name, recorded as "by" on their decisions: no colon, no blank, no control character
 * @param role {@link Role#VIEWER} or {@link Role#OPERATOR}
 * @param hash a {@link PasswordHash}
 */
public record OperatorLine(String name, Role role, String hash) {
    /** Basic auth splits user and password at the first colon, and the file at every colon: none in a name. */
    private static final Pattern NAME = Pattern.compile("[^:\\s\\p{Cntrl}]{1,64}");

    public OperatorLine {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("operator name '" + name + "' must be 1..64 characters without ':',"
                    + " blanks or control characters");
        }
        if (role == null || role == Role.NONE) {
            throw new IllegalArgumentException("operator '" + name + "' needs the role viewer or operator");
        }
        PasswordHash.requireWellFormed(hash);
    }

    /** Reads {@code name:role:hash}; the hash itself holds no colon. */
    public static OperatorLine parse(String line) {
        String[] parts = line.strip().split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected name:role:hash");
        }
        return new OperatorLine(parts[0], Role.parse(parts[1]), parts[2]);
    }

    public String format() {
        return name + ":" + role.id() + ":" + hash;
    }

    public Operator operator() {
        return new Operator(name, role);
    }
}
