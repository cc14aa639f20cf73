package org.jingan.progress.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.jingan.progress.intake.TestTargets;
import org.jingan.progress.intake.service.IntakeMetrics;
import org.jingan.progress.intake.validation.TargetDirectory;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the endpoints the intake registers: adding one without the other fails here. */
class OpenApiDocumentTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Set<String> registered() {
        var api = new IntakeHttpApi(null, TargetDirectory.of(TestTargets.ALL), null,
                new IntakeMetrics(new SimpleMeterRegistry()), new IntakeHttpApi.Limits(1024, 10), RateLimit.DEFAULT)
                .withPlans(new org.jingan.progress.catalog.plans.PlanSubmitter(null, null));
        api.create();
        var routes = new TreeSet<String>();
        api.routes().forEach(r -> routes.add(r.method() + " " + r.path()));
        return routes;
    }

    private static JsonNode document() throws Exception {
        return MAPPER.readTree(ApiIndex.openApiDocument());
    }

    @Test
    void shouldDescribeEveryRegisteredEndpointAndNoOther() throws Exception {
        var described = new TreeSet<String>();
        ApiIndex.endpointsOf(document()).forEach(e -> described.add(e.method() + " " + e.path()));

        Set<String> registered = registered();

        assertThat(registered).as("the intake registers endpoints").contains("POST /api/v1/reports", "GET /api/v1");
        assertThat(described).as("endpoints in openapi.json vs. registered by IntakeHttpApi").isEqualTo(registered);
    }

    @Test
    void shouldBeOpenApi31WithEveryReferenceResolvable() throws Exception {
        JsonNode doc = document();
        assertThat(doc.path("openapi").asText()).startsWith("3.1");

        var references = new HashSet<String>();
        collectReferences(doc, references);
        assertThat(references).isNotEmpty().allSatisfy(ref ->
                assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    }

    @Test
    void shouldGiveEveryEndpointASummaryInBothLanguages() throws Exception {
        assertThat(ApiIndex.endpointsOf(document())).allSatisfy(e -> {
            assertThat(e.summary()).as(e.path()).isNotBlank();
            assertThat(e.summaryZh()).as(e.path()).isNotBlank();
        });
    }

    private static void collectReferences(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.properties().forEach(f -> {
                if (f.getKey().equals("$ref")) {
                    into.add(f.getValue().asText());
                } else {
                    collectReferences(f.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectReferences(child, into));
        }
    }
}
