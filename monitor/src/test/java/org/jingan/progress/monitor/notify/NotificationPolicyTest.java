package org.jingan.progress.monitor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.monitor.Alerts;
import org.jingan.progress.monitor.decision.OperatorDecision;
import org.jingan.progress.monitor.decision.OperatorDecision.Acknowledgement;
import org.jingan.progress.monitor.decision.OperatorDecision.Silence;
import org.jingan.progress.monitor.notify.NotificationPolicy.Verdict;
import org.junit.jupiter.api.Test;

class NotificationPolicyTest {
    private static final Instant T0 = Instant.parse("2020-04-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2020-05-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2020-06-01T00:00:00Z");
    private static final String KEY = "retail/BEHIND";

    private final NotificationPolicy policy = new NotificationPolicy(Duration.ofHours(4));
    private final OperatorDecision none = OperatorDecision.none(KEY);

    @Test
    void shouldForwardANewFiringAndItsResolution() {
        assertThat(policy.decide(Alerts.firing("retail", AlertKind.BEHIND, T0), none, T0)).isEqualTo(Verdict.FORWARD);
        assertThat(policy.decide(Alerts.resolved("retail", AlertKind.BEHIND, T0, T1), none, T1)).isEqualTo(Verdict.FORWARD);
    }

    @Test
    void shouldNotRepeatAnEpisodeWithinTheRepeatInterval() {
        Alert firing = Alerts.firing("retail", AlertKind.BEHIND, T0);
        policy.decide(firing, none, T0);

        assertThat(policy.decide(Alerts.withSeverity(firing, Severity.CRITICAL), none, T0.plus(Duration.ofHours(1))))
                .isEqualTo(Verdict.SUPPRESSED_REPEAT);
        assertThat(policy.decide(firing, none, T0.plus(Duration.ofHours(5)))).isEqualTo(Verdict.FORWARD);
    }

    @Test
    void shouldNotForwardAnAcknowledgedEpisodeButForwardTheNextOne() {
        Alert firing = Alerts.firing("retail", AlertKind.BEHIND, T0);
        OperatorDecision acked = none.withAcknowledgement(ack(firing));

        assertThat(policy.decide(firing, acked, T0)).isEqualTo(Verdict.SUPPRESSED_ACKNOWLEDGED);

        Alert nextEpisode = Alerts.firing("retail", AlertKind.BEHIND, T2);
        assertThat(policy.decide(nextEpisode, acked, T2)).isEqualTo(Verdict.FORWARD);
    }

    @Test
    void shouldStopRepeatsOnceAcknowledged() {
        NotificationPolicy everyNotice = new NotificationPolicy(Duration.ZERO);
        Alert firing = Alerts.firing("retail", AlertKind.BEHIND, T0);
        assertThat(everyNotice.decide(firing, none, T0)).isEqualTo(Verdict.FORWARD);
        assertThat(everyNotice.decide(firing, none, T0.plusSeconds(60))).isEqualTo(Verdict.FORWARD);

        assertThat(everyNotice.decide(firing, none.withAcknowledgement(ack(firing)), T0.plusSeconds(120)))
                .isEqualTo(Verdict.SUPPRESSED_ACKNOWLEDGED);
    }

    @Test
    void shouldSuppressFiringWhileSilencedAndForwardAfterTheSilenceExpires() {
        OperatorDecision silenced = none.withSilence(new Silence(T1, "张三", null, T0));

        assertThat(policy.decide(Alerts.firing("retail", AlertKind.BEHIND, T0), silenced, T0))
                .isEqualTo(Verdict.SUPPRESSED_SILENCED);
        assertThat(policy.decide(Alerts.firing("retail", AlertKind.BEHIND, T0), silenced, T1))
                .isEqualTo(Verdict.FORWARD);
    }

    @Test
    void shouldNotForwardTheResolutionOfAnEpisodeNeverForwarded() {
        OperatorDecision silenced = none.withSilence(new Silence(T2, "张三", null, T0));
        policy.decide(Alerts.firing("retail", AlertKind.BEHIND, T0), silenced, T0);

        assertThat(policy.decide(Alerts.resolved("retail", AlertKind.BEHIND, T0, T1), silenced, T1))
                .isEqualTo(Verdict.SUPPRESSED_NOT_NOTIFIED);
    }

    @Test
    void shouldForwardTheResolutionOfAForwardedEpisodeEvenWhenAcknowledged() {
        Alert firing = Alerts.firing("retail", AlertKind.BEHIND, T0);
        policy.decide(firing, none, T0);

        assertThat(policy.decide(Alerts.resolved("retail", AlertKind.BEHIND, T0, T1), none.withAcknowledgement(ack(firing)), T1))
                .isEqualTo(Verdict.FORWARD);
    }

    @Test
    void shouldIgnoreNoticesOfAnOlderEpisode() {
        policy.decide(Alerts.firing("retail", AlertKind.BEHIND, T2), none, T2);

        assertThat(policy.decide(Alerts.firing("retail", AlertKind.BEHIND, T0), none, T2)).isEqualTo(Verdict.SUPPRESSED_STALE);
        assertThat(policy.decide(Alerts.resolved("retail", AlertKind.BEHIND, T0, T1), none, T2)).isEqualTo(Verdict.SUPPRESSED_STALE);
    }

    @Test
    void shouldTreatReplayedNoticesAsAlreadyForwarded() {
        Alert firing = Alerts.firing("retail", AlertKind.BEHIND, T0);
        policy.remember(firing, T0);

        assertThat(policy.decide(firing, none, T0.plusSeconds(60))).isEqualTo(Verdict.SUPPRESSED_REPEAT);
        assertThat(policy.decide(Alerts.resolved("retail", AlertKind.BEHIND, T0, T1), none, T1)).isEqualTo(Verdict.FORWARD);
    }

    @Test
    void shouldForgetAReplayedEpisodeThatWasResolved() {
        policy.remember(Alerts.firing("retail", AlertKind.BEHIND, T0), T0);
        policy.remember(Alerts.resolved("retail", AlertKind.BEHIND, T0, T1), T1);

        assertThat(policy.decide(Alerts.firing("retail", AlertKind.BEHIND, T2), none, T2)).isEqualTo(Verdict.FORWARD);
    }

    private static Acknowledgement ack(Alert firing) {
        return new Acknowledgement(firing.getAlertId(), firing.getFiringSince(), "张三", "已联系", T0);
    }
}
