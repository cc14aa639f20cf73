package org.jingan.progress.streams.query;

import java.util.HashMap;
import java.util.Map;

import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.streams.avro.RollupPartial;
import org.jingan.progress.streams.rules.Rollups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two edges of a roll-up on the query side: a partial as a store page carried it (JSON, from this instance or a
 * peer) back to its typed form, for {@link Rollups#merge} to add up; and the merged roll-up as the API shows it.
 */
final class RollupJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RollupJson() {
    }

    /** A partial read from a store page; missing fields are their Avro defaults. */
    static RollupPartial partial(JsonNode json) {
        return new RollupPartial(json.path("scope").asText(), json.path("scopeId").asText(),
                json.path("partition").asInt(), json.path("topLevelTargets").asLong(), json.path("subTargets").asLong(),
                counts(json.path("countsByStatus")), counts(json.path("subTargetCountsByStatus")),
                json.path("completionSum").asDouble(), json.path("expectedSum").asDouble(),
                json.path("measuredTargets").asLong(), json.path("asOf").asLong());
    }

    private static Map<String, Long> counts(JsonNode json) {
        Map<String, Long> counts = new HashMap<>();
        json.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    /** The roll-up as {@code /api/v1/departments} and {@code /api/v1/sections} list it, with its names. */
    static ObjectNode json(Rollups.Rollup rollup, JsonNode nameZh, JsonNode nameEn) {
        ObjectNode json = NODES.objectNode();
        json.put("scope", rollup.scope());
        json.put("id", rollup.scopeId());
        json.set("nameZh", nameZh);
        json.set("nameEn", nameEn);
        json.put("topLevelTargets", rollup.topLevelTargets());
        json.put("subTargets", rollup.subTargets());
        json.put("measuredTargets", rollup.measuredTargets());
        json.put("completionSum", rollup.completionSum());
        json.put("expectedSum", rollup.expectedSum());
        json.set("countsByStatus", counts(rollup.countsByStatus()));
        json.set("subTargetCountsByStatus", counts(rollup.subTargetCountsByStatus()));
        json.put("asOf", rollup.asOf());
        json.set("completion", rollup.completion() == null ? NODES.nullNode() : NODES.numberNode(rollup.completion()));
        json.set("expected", rollup.expected() == null ? NODES.nullNode() : NODES.numberNode(rollup.expected()));
        return json;
    }

    private static ObjectNode counts(Map<TargetStatus, Long> counts) {
        ObjectNode json = NODES.objectNode();
        counts.forEach((status, n) -> json.put(status.name(), n));
        return json;
    }
}
