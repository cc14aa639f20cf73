package org.jingan.progress.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The registry refused a request or could not be reached. A {@link SerializationException}, so Kafka clients and
 * Streams' deserialization handlers treat it like any other serde failure.
 */
public class SchemaRegistryException extends SerializationException {

    /** HTTP status of the registry's answer, or -1 if there was no answer. */
    private final int status;
    /** The registry's {@code error_code} (e.g. 40403 unknown schema, 409 incompatible), or -1 if none. */
    private final int errorCode;
    /** The registry's own {@code message}, or null. */
    private final String registryMessage;

    public SchemaRegistryException(String message, int status, int errorCode, String registryMessage, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    public String registryMessage() {
        return registryMessage;
    }

    /** The registry refused a schema because it breaks the subject's compatibility rule. */
    public boolean isIncompatibleSchema() {
        return status == 409;
    }

    /** The registry answered "not found" (unknown schema id, subject or version). */
    public boolean isNotFound() {
        return status == 404;
    }
}
