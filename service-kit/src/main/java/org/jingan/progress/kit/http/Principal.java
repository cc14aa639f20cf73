package org.jingan.progress.kit.http;

import java.util.Objects;
import java.util.Set;

/**
 * Who sent a request, as an app's {@link Authenticator} established it: a name (a department, an operator, a peer
 * instance) and the roles it holds.
 */
public record Principal(String name, Set<String> roles) {
    public Principal {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
