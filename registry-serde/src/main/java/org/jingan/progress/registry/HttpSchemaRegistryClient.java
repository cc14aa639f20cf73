package org.jingan.progress.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks the Confluent Schema Registry REST API (also served by Apicurio at {@code /apis/ccompat/v7}).
 * Thread-safe; registrations and fetched schemas are cached for the client's lifetime (ids never change).
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String authorization;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    /** @param url registry base URL, e.g. {@code http://127.0.0.1:8080/apis/ccompat/v7}
     *  @param basicAuthUserInfo {@code user:password}, or null for no authentication */
    public HttpSchemaRegistryClient(String url, String basicAuthUserInfo) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = basicAuthUserInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public int register(String subject, Schema schema) {
        String text = schema.toString();
        Integer cached = idsBySubjectAndSchema.get(subject + '\n' + text);
        if (cached != null) {
            return cached;
        }
        Answer answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(text));
        if (answer.status == 409) {
            throw refused("Schema registry refused the schema for subject '" + subject + "' as incompatible with the"
                    + " subject's compatibility rule; make the change compatible (e.g. give a new field a default)"
                    + " or register it under another subject", answer);
        }
        if (!answer.ok()) {
            throw refused("Could not register schema " + schema.getFullName() + " under subject '" + subject + "'", answer);
        }
        int id = answer.json.path("id").asInt();
        LOG.debug("Registered {} under subject {} as id {}", schema.getFullName(), subject, id);
        remember(subject, text, id, schema);
        return id;
    }

    @Override
    public OptionalInt idOf(String subject, Schema schema) {
        String text = schema.toString();
        Integer cached = idsBySubjectAndSchema.get(subject + '\n' + text);
        if (cached != null) {
            return OptionalInt.of(cached);
        }
        // Read-only look-up (GETs): a registry may rightly refuse the apps any POST, the Confluent look-up included.
        // Schemas are compared parsed, so one registered by another tool with other whitespace or attribute order matches.
        Answer versions = call("GET", "/subjects/" + encode(subject) + "/versions", null);
        if (versions.status == 404) {
            return OptionalInt.empty();
        }
        if (!versions.ok()) {
            throw refused("Could not list the versions of subject '" + subject + "'", versions);
        }
        List<Integer> newestFirst = new ArrayList<>();
        versions.json.forEach(v -> newestFirst.add(0, v.asInt()));
        for (int version : newestFirst) {
            Answer answer = call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null);
            if (!answer.ok()) {
                throw refused("Could not fetch version " + version + " of subject '" + subject + "'", answer);
            }
            int id = answer.json.path("id").asInt();
            Schema registered = schemasById.computeIfAbsent(id,
                    k -> parse(answer.json.path("schema").asText(), "subject " + subject));
            if (registered.equals(schema)) {
                remember(subject, text, id, schema);
                return OptionalInt.of(id);
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Answer answer = call("GET", "/schemas/ids/" + id, null);
        if (answer.status == 404) {
            SchemaRegistryException refused = refused("Schema id " + id + " is not known to the schema registry at "
                    + url + "; the record was written against another registry or the schema was deleted", answer);
            throw new UnknownSchemaIdException(refused.getMessage(), id, refused.status(), refused.errorCode(),
                    refused.registryMessage());
        }
        if (!answer.ok()) {
            throw refused("Could not fetch schema id " + id, answer);
        }
        Schema schema = parse(answer.json.path("schema").asText(), "schema id " + id);
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        Answer answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        if (!answer.ok()) {
            throw refused("Could not fetch the latest schema of subject '" + subject + "'", answer);
        }
        int id = answer.json.path("id").asInt();
        Schema schema = schemasById.computeIfAbsent(id,
                k -> parse(answer.json.path("schema").asText(), "subject " + subject));
        return new RegisteredSchema(subject, answer.json.path("version").asInt(), id, schema);
    }

    @Override
    public void setCompatibility(String subject, Compatibility level) {
        Answer answer = call("PUT", "/config/" + encode(subject), Map.of("compatibility", level.name()));
        if (!answer.ok()) {
            throw refused("Could not set compatibility " + level + " on subject '" + subject + "'", answer);
        }
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        Answer answer = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                schemaBody(schema.toString()));
        if (answer.status == 404 && answer.errorCode() == 40401) {
            return true; // no versions yet: nothing to be incompatible with
        }
        if (!answer.ok()) {
            throw refused("Could not test compatibility of " + schema.getFullName() + " with subject '" + subject + "'", answer);
        }
        return answer.json.path("is_compatible").asBoolean();
    }

    private void remember(String subject, String text, int id, Schema schema) {
        idsBySubjectAndSchema.put(subject + '\n' + text, id);
        schemasById.putIfAbsent(id, schema);
    }

    private static Map<String, String> schemaBody(String schemaText) {
        return Map.of("schema", schemaText, "schemaType", "AVRO");
    }

    private Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new SchemaRegistryException("The schema registry at " + url + " returned an unparseable Avro schema for "
                    + what + ": " + e.getMessage(), 200, -1, null, e);
        }
    }

    private Answer call(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofByteArray(toJson(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException("Schema registry at " + url + " is unreachable (" + e
                    + "); check that it is running and that '" + RegistryConfig.SCHEMA_REGISTRY_URL + "' points to it",
                    -1, -1, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while calling the schema registry at " + url, -1, -1, null, e);
        }
        return new Answer(response.statusCode(), readJson(response.body()), response.body());
    }

    private static byte[] toJson(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null; // not JSON: an HTML error page, a proxy, or not a registry at all
        }
    }

    private SchemaRegistryException refused(String what, Answer answer) {
        StringBuilder message = new StringBuilder(what).append(" (registry ").append(url)
                .append(" answered HTTP ").append(answer.status);
        if (answer.errorCode() != -1) {
            message.append(", error_code ").append(answer.errorCode());
        }
        message.append("): ").append(answer.message());
        if (answer.errorCode() == -1) {
            message.append(" [no registry error_code in the answer: is '").append(RegistryConfig.SCHEMA_REGISTRY_URL)
                    .append("' the registry's Confluent API base, e.g. http://host:port/apis/ccompat/v7 for Apicurio?]");
        }
        return new SchemaRegistryException(message.toString(), answer.status, answer.errorCode(), answer.message(), null);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Answer(int status, JsonNode json, String raw) {
        boolean ok() {
            return status / 100 == 2 && json != null;
        }

        int errorCode() {
            return json != null && json.has("error_code") ? json.get("error_code").asInt() : -1;
        }

        String message() {
            if (json != null && json.hasNonNull("message")) {
                return json.get("message").asText();
            }
            String text = raw == null ? "" : raw.strip();
            return text.length() > 300 ? text.substring(0, 300) + "..." : text;
        }
    }
}
