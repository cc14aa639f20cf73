package org.jingan.progress.registry;

import java.util.OptionalInt;

import org.apache.avro.Schema;

/**
 * What the serdes need from a Confluent-compatible schema registry. Implementations cache, so asking twice for the
 * same schema or id costs one request. All failures are {@link SchemaRegistryException}s.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its id. Refused with status 409 if incompatible. */
    int register(String subject, Schema schema);

    /** The id of exactly this schema under {@code subject}, or empty if it is not registered there. */
    OptionalInt idOf(String subject, Schema schema);

    /** The schema with this id; throws {@link UnknownSchemaIdException} (status 404) naming the id and the registry if unknown. */
    Schema schemaById(int id);

    /** The latest version of {@code subject}; throws (status 404) if the subject does not exist. */
    RegisteredSchema latest(String subject);

    /** Sets the compatibility rule of {@code subject}; may be called before the subject's first version. */
    void setCompatibility(String subject, Compatibility level);

    /** Whether {@code schema} may be registered under {@code subject} given its compatibility rule. */
    boolean isCompatible(String subject, Schema schema);

    /** The registry's URL, for error messages. */
    String url();

    /** The client for {@code config}: shared per URL and credentials, so caches are shared too. */
    static SchemaRegistryClient forConfig(RegistryConfig config) {
        return SchemaRegistryClients.forConfig(config);
    }
}
