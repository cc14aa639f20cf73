package org.jingan.progress.bulletins.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The supervision cases from the streams app's query API: every target that has or had a case
 * ({@code /api/v1/cases?stage=all}), then each one's cases with their timelines ({@code /targets/{id}/cases}, closed
 * earlier ones too), replayed to the month's end by {@link CaseTimeline}. A case closed since is still open in a past
 * month's bulletin; one opened since is not in it.
 */
public final class QueryApiCases implements SupervisionCases {
    private final String queryUrl;

    public QueryApiCases(String queryUrl) {
        this.queryUrl = queryUrl;
    }

    @Override
    public List<SupervisionCase> openAt(LocalDate monthEnd) {
        // the documents' freshness is the stores' read by StoreReader; the cases' reads are counted apart
        QueryApi api = new QueryApi(queryUrl, new FreshnessTally());
        JsonNode current = api.cases();
        if (current == null) {
            return null; // a streams app without the supervision-cases topic: the section is left out
        }
        Set<String> targets = new LinkedHashSet<>();
        current.path("items").forEach(c -> targets.add(c.path("targetId").asText()));
        List<SupervisionCase> open = new ArrayList<>();
        for (String target : targets) {
            api.targetCases(target).path("items")
                    .forEach(c -> CaseTimeline.atEndOf(c, monthEnd).ifPresent(open::add));
        }
        open.sort(Comparator.comparing(SupervisionCase::openedOn).thenComparing(SupervisionCase::caseId));
        return List.copyOf(open);
    }
}
