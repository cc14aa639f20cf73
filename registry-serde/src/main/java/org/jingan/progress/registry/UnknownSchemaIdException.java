package org.jingan.progress.registry;

/**
 * The registry does not know the schema id a record was written with (HTTP 404 on {@code GET /schemas/ids/{id}}).
 * The bytes are not at fault: the schema was deleted, or the reader asks another registry than the writer used, or a
 * registry restored from an older backup. A reader should wait and retry, not discard the record: once the schema is
 * back under that id, the record decodes.
 */
public class UnknownSchemaIdException extends SchemaRegistryException {

    private final int schemaId;

    public UnknownSchemaIdException(String message, int schemaId, int status, int errorCode, String registryMessage) {
        super(message, status, errorCode, registryMessage, null);
        this.schemaId = schemaId;
    }

    /** The id the record carries. */
    public int schemaId() {
        return schemaId;
    }
}
