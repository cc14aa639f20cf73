package org.jingan.progress.registry;

/** The registry's compatibility levels (Confluent names, also accepted by Apicurio's ccompat API). */
public enum Compatibility {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /** New schema must read data written with older ones. */
    boolean checksBackward() {
        return this != NONE && !name().startsWith("FORWARD");
    }

    /** Older schemas must read data written with the new one. */
    boolean checksForward() {
        return this != NONE && !name().startsWith("BACKWARD");
    }
}
