package org.jingan.progress.monitor.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.monitor.Alerts;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class OperatorDecisionTest {
    private static final Instant T0 = Instant.parse("2020-04-01T00:00:00Z");
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void shouldAcknowledgeOnlyTheEpisodeItWasGivenFor() {
        var firing = Alerts.firing("retail", AlertKind.BEHIND, T0);
        var decision = OperatorDecision.none("retail/BEHIND").withAcknowledgement(
                new OperatorDecision.Acknowledgement(firing.getAlertId(), T0, "张三", null, T0));

        assertThat(decision.acknowledges(firing)).isTrue();
        assertThat(decision.acknowledges(Alerts.firing("retail", AlertKind.BEHIND, T0.plusSeconds(86400)))).isFalse();
    }

    @Test
    void shouldSilenceUntilTheExpiryOnly() {
        var decision = OperatorDecision.none("retail/BEHIND")
                .withSilence(new OperatorDecision.Silence(T0.plusSeconds(60), "张三", null, T0));

        assertThat(decision.silencedAt(T0)).isTrue();
        assertThat(decision.silencedAt(T0.plusSeconds(60))).isFalse();
    }

    @Test
    void shouldRoundTripThroughJsonAndIgnoreUnknownFields() throws Exception {
        var decision = OperatorDecision.none("retail/BEHIND")
                .withAcknowledgement(new OperatorDecision.Acknowledgement("id-1", T0, "张三", "已联系区商务委", T0))
                .withSilence(new OperatorDecision.Silence(T0.plusSeconds(3600), "李四", null, T0));

        String text = json.writeValueAsString(decision);
        assertThat(text).contains("\"until\":\"2020-04-01T01:00:00Z\"").doesNotContain("null");
        assertThat(json.readValue(text.replace("{\"dedupKey\"", "{\"futureField\":1,\"dedupKey\""), OperatorDecision.class))
                .isEqualTo(decision);
    }

    @Test
    void shouldBeEmptyWhenNothingIsDecided() {
        assertThat(OperatorDecision.none("k").isEmpty()).isTrue();
        assertThat(OperatorDecision.none("k").withSilence(new OperatorDecision.Silence(T0, "a", null, T0)).isEmpty()).isFalse();
    }
}
