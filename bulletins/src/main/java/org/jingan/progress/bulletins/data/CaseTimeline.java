package org.jingan.progress.bulletins.data;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jingan.progress.clock.DistrictClock;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Replays a case's timeline (the query API's {@code events}, each with its district-clock time) up to the end of a
 * day: the case as it stood then, not as it stands today. Same rule as the streams app's {@code CaseFile}: waiting
 * for an answer (opened or returned, not answered since) and past its answer day is overdue.
 */
public final class CaseTimeline {
    private CaseTimeline() {
    }

    /** The case at the end of {@code day}; empty when it was not open then (not opened yet, or closed by then). */
    public static Optional<SupervisionCase> atEndOf(JsonNode c, LocalDate day) {
        Instant end = day.plusDays(1).atStartOfDay(DistrictClock.ZONE).toInstant();
        List<JsonNode> events = new ArrayList<>();
        c.path("events").forEach(events::add);
        events.sort(Comparator.comparing((JsonNode e) -> Instant.parse(e.path("clockTime").asText())));
        LocalDate openedOn = null;
        LocalDate dueBy = null;
        boolean waiting = false;
        boolean escalated = false;
        for (JsonNode e : events) {
            Instant at = Instant.parse(e.path("clockTime").asText());
            if (!at.isBefore(end)) {
                break;
            }
            switch (e.path("type").asText()) {
                case "OPENED" -> {
                    openedOn = at.atZone(DistrictClock.ZONE).toLocalDate();
                    dueBy = date(e.path("answerDueBy"));
                    waiting = true;
                }
                case "RETURNED" -> {
                    dueBy = date(e.path("answerDueBy"));
                    waiting = true;
                }
                case "ANSWERED", "ACCEPTED" -> waiting = false;
                case "ESCALATED" -> escalated = true;
                case "CLOSED" -> openedOn = null;
                default -> {
                    // CONDITION_ADDED, REMINDED: nothing that changes open or overdue
                }
            }
        }
        if (openedOn == null) {
            return Optional.empty();
        }
        boolean overdue = waiting && dueBy != null && day.isAfter(dueBy);
        return Optional.of(new SupervisionCase(c.path("caseId").asText(), c.path("targetId").asText(),
                c.path("nameZh").asText(), c.path("nameEn").asText(), c.path("departmentId").asText(), openedOn, dueBy,
                overdue, escalated));
    }

    private static LocalDate date(JsonNode value) {
        return value.isTextual() ? LocalDate.parse(value.asText()) : null;
    }
}
