package org.jingan.progress.bulletins.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A case's timeline replayed to past month ends, from a query API answer (closed today, answered, returned, answered
 * again): each month end sees the case as it stood then, not today's CLOSED.
 */
class CaseTimelineTest {
    private final JsonNode c = read("/bulletins/case-timeline.json");

    @Test
    void shouldNotListACaseBeforeItOpened() {
        assertThat(CaseTimeline.atEndOf(c, LocalDate.of(2020, 2, 29))).isEmpty();
    }

    @Test
    void shouldCountACaseOverdueOnceItsAnswerDayPassedWithoutAnAnswer() {
        SupervisionCase march = CaseTimeline.atEndOf(c, LocalDate.of(2020, 3, 31)).orElseThrow();
        assertThat(march.openedOn()).isEqualTo(LocalDate.of(2020, 3, 5));
        assertThat(march.answerDueBy()).isEqualTo(LocalDate.of(2020, 3, 12));
        assertThat(march.overdue()).isTrue();
        assertThat(march.escalated()).isTrue();
        assertThat(march.departmentId()).isEqualTo("commerce");
        // on its answer day itself it is not overdue yet, and not escalated
        SupervisionCase dueDay = CaseTimeline.atEndOf(c, LocalDate.of(2020, 3, 12)).orElseThrow();
        assertThat(dueDay.overdue()).isFalse();
        assertThat(dueDay.escalated()).isFalse();
    }

    @Test
    void shouldTakeTheDeadlineOfTheReturnAndStopCountingOverdueOnceAnswered() {
        // returned on 20 April, due 27 April, answered again only on 6 May: overdue at the end of April
        SupervisionCase april = CaseTimeline.atEndOf(c, LocalDate.of(2020, 4, 30)).orElseThrow();
        assertThat(april.answerDueBy()).isEqualTo(LocalDate.of(2020, 4, 27));
        assertThat(april.overdue()).isTrue();
        // answered and accepted in May: still open (not closed yet), no longer overdue
        SupervisionCase may = CaseTimeline.atEndOf(c, LocalDate.of(2020, 5, 31)).orElseThrow();
        assertThat(may.overdue()).isFalse();
        // answered on 2 April: not overdue at the return's eve
        assertThat(CaseTimeline.atEndOf(c, LocalDate.of(2020, 4, 19)).orElseThrow().overdue()).isFalse();
    }

    @Test
    void shouldNotListACaseClosedByTheMonthsEnd() {
        Optional<SupervisionCase> june = CaseTimeline.atEndOf(c, LocalDate.of(2020, 6, 30));
        assertThat(june).isEmpty();
    }

    @Test
    void shouldCountAnEventOnTheMonthsLastDayByTheDistrictDate() {
        // 2020-02-29T16:30Z is 1 March 00:30 in Shanghai: not in February
        JsonNode late = read("/bulletins/case-timeline.json").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) late.path("events").get(0)).put("clockTime", "2020-02-29T16:30:00Z");
        assertThat(CaseTimeline.atEndOf(late, LocalDate.of(2020, 2, 29))).isEmpty();
        assertThat(CaseTimeline.atEndOf(late, LocalDate.of(2020, 3, 1)).orElseThrow().openedOn()).isEqualTo(LocalDate.of(2020, 3, 1));
    }

    private static JsonNode read(String resource) {
        try (InputStream in = CaseTimelineTest.class.getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
