package org.jingan.progress.bulletins.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.jingan.progress.clock.DistrictClock;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the stores through the query API: the clock, every target's definition and burn-up history, the firing
 * STALE_REPORT alerts. Only GETs: reading never changes state. A past month is read from the history buckets, so a
 * bulletin of March says what the stores recorded at the end of 31 March, whatever happened since.
 */
public final class StoreReader {
    private final String baseUrl;

    public StoreReader(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public MonthData read() {
        FreshnessTally tally = new FreshnessTally();
        QueryApi api = new QueryApi(baseUrl, tally);
        JsonNode clock = api.clock();
        Instant now = Instant.parse(clock.path("now").asText());
        LocalDate today = LocalDate.parse(clock.path("date").asText());
        List<TargetRecord> records = new ArrayList<>();
        Instant latestReport = null;
        for (JsonNode standing : api.targets().path("items")) {
            String id = standing.path("targetId").asText();
            JsonNode definition = api.target(id).path("definition");
            JsonNode history = api.history(id);
            LocalDate standingDay = standing.path("asOf").isTextual()
                    ? Instant.parse(standing.path("asOf").asText()).atZone(DistrictClock.ZONE).toLocalDate() : null;
            records.add(new TargetRecord(facts(id, standing, definition), points(history.path("points")),
                    plan(history.path("plan")), standingDay));
            if (standing.path("lastEventTime").isTextual()) {
                Instant last = Instant.parse(standing.path("lastEventTime").asText());
                latestReport = latestReport == null || last.isAfter(latestReport) ? last : latestReport;
            }
        }
        List<StaleNotice> stale = new ArrayList<>();
        for (JsonNode alert : api.alerts().path("items")) {
            if ("STALE_REPORT".equals(alert.path("kind").asText()) && alert.path("firingSince").isTextual()) {
                stale.add(new StaleNotice(alert.path("targetId").asText(), Instant.parse(alert.path("firingSince").asText())));
            }
        }
        return new MonthData(now, today, clock.path("mode").asText(), tally.result(), latestReport,
                List.copyOf(records), List.copyOf(stale));
    }

    private static TargetFacts facts(String id, JsonNode standing, JsonNode definition) {
        JsonNode d = definition.isObject() ? definition : standing;
        return new TargetFacts(id, text(standing, d, "nameZh"), text(standing, d, "nameEn"), text(standing, d, "sectionId"),
                text(standing, d, "sectionZh"), text(standing, d, "sectionEn"), text(standing, d, "departmentId"),
                text(standing, d, "departmentZh"), text(standing, d, "departmentEn"), text(standing, d, "kind"),
                text(standing, d, "comparator"), text(standing, d, "unit"), number(d.path("baseline2019")),
                d.path("deadline").isTextual() ? LocalDate.parse(d.path("deadline").asText()) : null,
                d.path("parentTargetId").isTextual() ? d.path("parentTargetId").asText() : null);
    }

    private static String text(JsonNode standing, JsonNode definition, String field) {
        return standing.path(field).isTextual() ? standing.path(field).asText() : definition.path(field).asText("");
    }

    private static List<HistoryPoint> points(JsonNode points) {
        List<HistoryPoint> list = new ArrayList<>();
        for (JsonNode p : points) {
            list.add(new HistoryPoint(bucketEnd(p.path("bucket").asText()), number(p.path("targetValue")),
                    p.path("actual").asDouble(), p.path("expectedRatio").asDouble(), number(p.path("expectedValue")),
                    number(p.path("completionRatio")), number(p.path("forecastYearEnd")), p.path("status").asText(),
                    // the plan the day was judged by: 时序进度, or the department's plan approved by then
                    org.jingan.progress.contract.PlanSource.of(p.path("planSource").isTextual() ? p.path("planSource").asText() : null,
                            p.path("planApprovedBy").asText(null),
                            p.path("planApprovedOn").isTextual() ? LocalDate.parse(p.path("planApprovedOn").asText()) : null)));
        }
        return List.copyOf(list);
    }

    /** The last day of a bucket: {@code 2020-03-31} (daily buckets) or {@code 2020-03} (monthly ones). */
    static LocalDate bucketEnd(String bucket) {
        return bucket.length() == 7 ? YearMonth.parse(bucket).atEndOfMonth() : LocalDate.parse(bucket);
    }

    private static List<PlanPoint> plan(JsonNode plan) {
        List<PlanPoint> list = new ArrayList<>();
        plan.forEach(p -> list.add(new PlanPoint(LocalDate.parse(p.path("date").asText()), p.path("expectedValue").asDouble())));
        return List.copyOf(list);
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
