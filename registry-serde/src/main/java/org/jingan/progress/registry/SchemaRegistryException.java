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

    /**
     * Whether decoding failed for the registry rather than the record, anywhere in {@code e}'s causes: the schema id is
     * unknown, there was no answer, a server error, a timeout or throttling, or the registry refused the credentials.
     * Such a record is read again later, never refused.
     */
    public static boolean isRegistryFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownSchemaIdException) {
                return true;
            }
            if (t instanceof SchemaRegistryException sre) {
                int status = sre.status();
                return status < 0 || status >= 500 || status == 401 || status == 403 || status == 408 || status == 429;
            }
        }
        return false;
    }
}
