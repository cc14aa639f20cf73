package org.jingan.progress.monitor.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.monitor.Alerts;
import org.jingan.progress.monitor.board.AlertBoard.Change;
import org.junit.jupiter.api.Test;

class AlertBoardTest {
    private static final Instant T0 = Instant.parse("2020-04-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2020-05-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2020-06-01T00:00:00Z");

    private final AlertBoard board = new AlertBoard(3);

    @Test
    void shouldShowAFiringAlertUntilItsResolution() {
        assertThat(board.apply(Alerts.firing("retail", AlertKind.BEHIND, T0), 0, T0)).isEqualTo(Change.FIRING_STARTED);
        assertThat(board.firing()).extracting(AlertBoard.FiringAlert::dedupKey).containsExactly("retail/BEHIND");

        assertThat(board.apply(Alerts.resolved("retail", AlertKind.BEHIND, T0, T1), 0, T1)).isEqualTo(Change.RESOLVED);

        assertThat(board.firing()).isEmpty();
        assertThat(board.recentlyResolved()).extracting(a -> a.getDedupKey()).containsExactly("retail/BEHIND");
    }

    @Test
    void shouldKeepTheFirstSeenTimeAcrossUpdatesOfOneEpisode() {
        board.apply(Alerts.firing("retail", AlertKind.BEHIND, T0), 0, T0);
        Change change = board.apply(Alerts.withSeverity(Alerts.firing("retail", AlertKind.BEHIND, T0), Severity.CRITICAL), 0, T1);

        assertThat(change).isEqualTo(Change.FIRING_UPDATED);
        AlertBoard.FiringAlert shown = board.firing("retail/BEHIND").orElseThrow();
        assertThat(shown.alert().getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(shown.firstSeenAt()).isEqualTo(T0);
    }

    @Test
    void shouldStartANewEpisodeWhenTheConditionFiresAgainAfterResolving() {
        board.apply(Alerts.firing("retail", AlertKind.BEHIND, T0), 0, T0);
        board.apply(Alerts.resolved("retail", AlertKind.BEHIND, T0, T1), 0, T1);

        assertThat(board.apply(Alerts.firing("retail", AlertKind.BEHIND, T2), 0, T2)).isEqualTo(Change.FIRING_STARTED);
        assertThat(board.firing("retail/BEHIND").orElseThrow().alert().getFiringSince()).isEqualTo(T2);
    }

    @Test
    void shouldLetTheLastNoticeDecideEvenWhenItIsOfAnEarlierEpisode() {
        // a re-run of the year writes an earlier episode after a later one; compaction keeps only the last notice,
        // so the board must show what it says, or it would show something else after a restart
        board.apply(Alerts.firing("retail", AlertKind.BEHIND, T2), 0, T2);
        assertThat(board.apply(Alerts.firing("retail", AlertKind.BEHIND, T0), 0, T2)).isEqualTo(Change.FIRING_STARTED);
        assertThat(board.firing("retail/BEHIND").orElseThrow().alert().getFiringSince()).isEqualTo(T0);

        board.apply(Alerts.firing("housing", AlertKind.BEHIND, T2), 0, T2);
        assertThat(board.apply(Alerts.resolved("housing", AlertKind.BEHIND, T0, T1), 0, T2)).isEqualTo(Change.RESOLVED);
        assertThat(board.firing()).extracting(AlertBoard.FiringAlert::dedupKey).containsExactly("retail/BEHIND");
    }

    @Test
    void shouldListAResolutionWhoseFiringNoticeWasCompactedAway() {
        assertThat(board.apply(Alerts.resolved("retail", AlertKind.BEHIND, T0, T1), 0, T1)).isEqualTo(Change.RESOLVED_UNKNOWN);
        assertThat(board.apply(Alerts.resolved("retail", AlertKind.BEHIND, T0, T1), 0, T1)).isEqualTo(Change.RESOLVED_UNKNOWN);

        assertThat(board.firing()).isEmpty();
        assertThat(board.recentlyResolved()).extracting(a -> a.getDedupKey()).containsExactly("retail/BEHIND");
    }

    @Test
    void shouldListResolutionsByTheirTimeNotTheOrderTheyWereRead() {
        // read again after a restart, partition by partition: an older resolution can come last
        board.apply(Alerts.resolved("b", AlertKind.BEHIND, T0, T2), 1, T2);
        board.apply(Alerts.resolved("a", AlertKind.BEHIND, T0, T1), 0, T1);

        assertThat(board.recentlyResolved()).extracting(a -> a.getTargetId()).containsExactly("b", "a");
    }

    @Test
    void shouldListCriticalFirstThenLongestFiring() {
        board.apply(Alerts.firing("a", AlertKind.BEHIND, T1), 0, T1);
        board.apply(Alerts.firing("b", AlertKind.BEHIND, T0), 1, T1);
        board.apply(Alerts.notice("c", AlertKind.OVERDUE, AlertState.FIRING, T2, T2, Severity.CRITICAL, "x"), 2, T2);

        assertThat(board.firing()).extracting(AlertBoard.FiringAlert::dedupKey)
                .containsExactly("c/OVERDUE", "b/BEHIND", "a/BEHIND");
    }

    @Test
    void shouldKeepOnlyTheLatestResolutions() {
        String[] targets = {"a", "b", "c", "d"};
        for (int i = 0; i < targets.length; i++) {
            board.apply(Alerts.firing(targets[i], AlertKind.BEHIND, T0), 0, T0);
            board.apply(Alerts.resolved(targets[i], AlertKind.BEHIND, T0, T1.plusSeconds(i)), 0, T1);
        }
        assertThat(board.recentlyResolved()).extracting(a -> a.getTargetId()).containsExactly("d", "c", "b");
    }

    @Test
    void shouldDropTheAlertsOfRevokedPartitions() {
        board.apply(Alerts.firing("a", AlertKind.BEHIND, T0), 0, T0);
        board.apply(Alerts.firing("b", AlertKind.BEHIND, T0), 1, T0);

        board.dropPartitions(Set.of(1));

        assertThat(board.firing()).extracting(AlertBoard.FiringAlert::dedupKey).containsExactly("a/BEHIND");
    }
}
