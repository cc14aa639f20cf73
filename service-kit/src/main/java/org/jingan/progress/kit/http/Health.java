package org.jingan.progress.kit.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a liveness or readiness probe answers: up (200) or down (503), and what the app wants to say about it
 * (e.g. the Kafka Streams state, what readiness still waits for): members of the JSON body beside {@code status}.
 */
public record Health(boolean ok, Map<String, Object> details) {
    public Health {
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static Health up() {
        return new Health(true, Map.of());
    }

    public static Health up(Map<String, Object> details) {
        return new Health(true, details);
    }

    public static Health down(Map<String, Object> details) {
        return new Health(false, details);
    }

    /** {@code {"status": "UP"|"DOWN", ...details}}. */
    public Map<String, Object> body() {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", ok ? "UP" : "DOWN");
        details.forEach(body::putIfAbsent);
        return body;
    }
}
