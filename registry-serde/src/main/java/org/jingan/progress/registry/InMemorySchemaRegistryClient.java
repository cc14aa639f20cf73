package org.jingan.progress.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * An in-JVM registry for unit tests and TopologyTestDriver, selected by {@code schema.registry.url=mem://<scope>}:
 * every client of the same scope sees the same subjects. Like Apicurio, ids are per distinct schema text (the same
 * schema under two subjects has one id) and a subject's compatibility is NONE until set. Compatibility is checked
 * with Avro's {@link SchemaCompatibility}, so a change refused here is refused by a real registry too.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private final String url;
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
    private final Map<String, Compatibility> compatibilityBySubject = new HashMap<>();

    private InMemorySchemaRegistryClient(String scope) {
        this.url = RegistryConfig.MEM_SCHEME + scope;
    }

    /** The registry of this scope, created on first use. */
    public static InMemorySchemaRegistryClient forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, InMemorySchemaRegistryClient::new);
    }

    /** Forgets a scope, e.g. after a test. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        OptionalInt existing = idOf(subject, schema);
        if (existing.isPresent()) {
            return existing.getAsInt();
        }
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        String problems = incompatibilities(subject, schema);
        if (!problems.isEmpty()) {
            String registryMessage = "Incompatible schema for subject " + subject + " under "
                    + compatibility(subject) + ": " + problems;
            throw new SchemaRegistryException("Schema registry refused the schema for subject '" + subject
                    + "' as incompatible with the subject's compatibility rule; make the change compatible (e.g. give a"
                    + " new field a default) or register it under another subject (registry " + url
                    + " answered HTTP 409, error_code 409): " + registryMessage, 409, 409, registryMessage, null);
        }
        Integer id = idsBySchemaText.get(schema.toString());
        if (id == null) {
            id = schemasById.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            idsBySchemaText.put(schema.toString(), id);
            schemasById.put(id, schema);
        }
        versions.add(id);
        return id;
    }

    /**
     * Makes {@code id} stand for {@code schema} under {@code subject}, as a registry restored from a backup (or
     * Confluent's IMPORT mode) keeps the ids records were written with. Refused if the id stands for another schema
     * here; a schema already known under another id keeps that id for new registrations.
     */
    public synchronized void restore(String subject, int id, Schema schema) {
        Schema existing = schemasById.get(id);
        if (existing != null && !existing.equals(schema)) {
            throw new IllegalStateException("Cannot restore schema " + schema.getFullName() + " as id " + id + " in "
                    + url + ": the id stands for " + existing.getFullName());
        }
        idsBySchemaText.putIfAbsent(schema.toString(), id);
        schemasById.put(id, schema);
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
    }

    @Override
    public synchronized OptionalInt idOf(String subject, Schema schema) {
        Integer id = idsBySchemaText.get(schema.toString());
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        return id != null && versions.contains(id) ? OptionalInt.of(id) : OptionalInt.empty();
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            String registryMessage = "No content with ID '" + id + "' was found.";
            throw new UnknownSchemaIdException("Schema id " + id + " is not known to the schema registry at " + url
                    + "; the record was written against another registry or the schema was deleted (registry " + url
                    + " answered HTTP 404, error_code 40403): " + registryMessage, id, 404, 40403, registryMessage);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            String registryMessage = "Subject '" + subject + "' not found.";
            throw new SchemaRegistryException("Could not fetch the latest schema of subject '" + subject + "' (registry "
                    + url + " answered HTTP 404, error_code 40401): " + registryMessage, 404, 40401, registryMessage, null);
        }
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, versions.size(), id, schemasById.get(id));
    }

    @Override
    public synchronized void setCompatibility(String subject, Compatibility level) {
        compatibilityBySubject.put(subject, level);
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        return incompatibilities(subject, schema).isEmpty();
    }

    private Compatibility compatibility(String subject) {
        return compatibilityBySubject.getOrDefault(subject, Compatibility.NONE);
    }

    /** Empty if compatible, else what Avro found wrong, checked against the latest version or all (transitive). */
    private String incompatibilities(String subject, Schema candidate) {
        Compatibility level = compatibility(subject);
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (level == Compatibility.NONE || versions.isEmpty()) {
            return "";
        }
        List<Integer> against = level.transitive() ? versions : versions.subList(versions.size() - 1, versions.size());
        List<String> problems = new ArrayList<>();
        for (int id : against) {
            Schema previous = schemasById.get(id);
            if (level.checksBackward()) {
                problems.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous)));
            }
            if (level.checksForward()) {
                problems.addAll(describe(SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate)));
            }
        }
        return String.join("; ", problems);
    }

    private static List<String> describe(SchemaPairCompatibility result) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .collect(Collectors.toList());
    }
}
