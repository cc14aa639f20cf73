package org.jingan.progress.stack.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jingan.progress.avro.Target;

/**
 * Sends the demo reports the way a department does: {@code POST /api/v1/reports/batch} on the intake with the
 * department's API key, one request per department. The intake refuses a whole request when one report is wrong;
 * those reports are taken out (with the intake's reason) and the rest is sent again. Revisions of targets are not
 * the departments' to send: they go to the {@link RevisionPublisher} (the catalog publisher).
 */
public final class HttpIntakeSink implements DemoSink {
    public static final String BATCH_PATH = "/api/v1/reports/batch";
    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(DemoGenerator.ZONE);

    private final URI batchUri;
    private final Function<String, String> keyOfDepartment;
    private final RevisionPublisher revisions;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param intakeUrl       the intake's base URL, e.g. http://127.0.0.1:8081
     * @param keyOfDepartment each department's API key (in the local stack: the data directory's random keys)
     * @param revisions       where target revisions go
     */
    public HttpIntakeSink(String intakeUrl, Function<String, String> keyOfDepartment, RevisionPublisher revisions) {
        this.batchUri = URI.create(intakeUrl.replaceAll("/+$", "") + BATCH_PATH);
        this.keyOfDepartment = keyOfDepartment;
        this.revisions = revisions;
    }

    @Override
    public List<Rejection> send(List<DemoReport> reports) throws SinkUnavailableException {
        Map<String, List<DemoReport>> byDepartment = new LinkedHashMap<>();
        reports.forEach(r -> byDepartment.computeIfAbsent(r.departmentId(), d -> new ArrayList<>()).add(r));
        List<Rejection> refused = new ArrayList<>();
        for (Map.Entry<String, List<DemoReport>> group : byDepartment.entrySet()) {
            String key = keyOfDepartment.apply(group.getKey());
            List<DemoReport> pending = group.getValue();
            while (!pending.isEmpty()) {
                List<Rejection> wrong = post(pending, key);
                if (wrong.isEmpty()) {
                    break;
                }
                refused.addAll(wrong);
                Set<DemoReport> out = new HashSet<>();
                wrong.forEach(w -> out.add(w.report()));
                pending = pending.stream().filter(r -> !out.contains(r)).toList();
            }
        }
        return refused;
    }

    /** Posts one department's reports; returns the reports refused (none when all were stored). */
    private List<Rejection> post(List<DemoReport> reports, String key) throws SinkUnavailableException {
        HttpRequest request = HttpRequest.newBuilder(batchUri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("X-Report-Channel", DemoReport.CHANNEL)
                .POST(HttpRequest.BodyPublishers.ofString(body(reports)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SinkUnavailableException("intake at " + batchUri + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkUnavailableException("interrupted", e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return List.of();
        }
        if (status == 401) {
            throw new IllegalStateException("The intake at " + batchUri + " does not know the API key of department '"
                    + reports.get(0).departmentId() + "': is it running with this data directory's department keys?");
        }
        if (status == 429 || status >= 500) {
            throw new SinkUnavailableException("intake answered " + status + ": " + detail(response.body()), null);
        }
        return refusals(reports, response.body(), status);
    }

    /** The reports a 4xx problem names in {@code errors[].index}; all of them when it names none. */
    private List<Rejection> refusals(List<DemoReport> reports, String body, int status) {
        Map<Integer, List<String>> reasons = new LinkedHashMap<>();
        try {
            for (JsonNode error : json.readTree(body).path("errors")) {
                if (error.hasNonNull("index")) {
                    reasons.computeIfAbsent(error.get("index").asInt(), i -> new ArrayList<>())
                            .add(error.path("field").asText() + ": " + error.path("reason").asText());
                }
            }
        } catch (IOException notJson) {
            // fall through: the whole request is refused
        }
        List<Rejection> refused = new ArrayList<>();
        if (reasons.isEmpty()) {
            String why = status + " " + detail(body);
            reports.forEach(r -> refused.add(new Rejection(r, why)));
            return refused;
        }
        reasons.forEach((index, why) -> {
            if (index >= 0 && index < reports.size()) {
                refused.add(new Rejection(reports.get(index), status + " " + String.join("; ", why)));
            }
        });
        return refused;
    }

    private String detail(String body) {
        try {
            JsonNode problem = json.readTree(body);
            return problem.hasNonNull("detail") ? problem.get("detail").asText() : body;
        } catch (IOException e) {
            return body.length() > 200 ? body.substring(0, 200) + "..." : body;
        }
    }

    /** The JSON array the intake reads: every field as text, as a department's script would send it. */
    String body(List<DemoReport> reports) {
        ArrayNode array = json.createArrayNode();
        for (DemoReport r : reports) {
            ObjectNode o = array.addObject();
            o.put("eventId", r.eventId());
            o.put("targetId", r.targetId());
            o.put("departmentId", r.departmentId());
            o.put("kind", r.kind().name());
            if (r.value() != null) {
                o.put("value", BigDecimal.valueOf(r.value()).stripTrailingZeros().toPlainString());
            }
            o.put("unit", r.unit());
            o.put("eventTime", EVENT_TIME.format(r.eventTime()));
            o.put("reporter", r.reporter());
            if (r.correctsEventId() != null) {
                o.put("correctsEventId", r.correctsEventId());
            }
            if (r.note() != null) {
                o.put("note", r.note());
            }
        }
        return array.toString();
    }

    @Override
    public void revise(Target revised) throws SinkUnavailableException {
        revisions.publish(revised);
    }

    @Override
    public String describe() {
        return "intake API " + batchUri;
    }
}
