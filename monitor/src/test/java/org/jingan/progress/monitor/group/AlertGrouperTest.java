package org.jingan.progress.monitor.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.monitor.Alerts;
import org.jingan.progress.monitor.board.AlertGroupKey;
import org.jingan.progress.monitor.decision.DecisionStore;
import org.jingan.progress.monitor.decision.OperatorDecision;
import org.junit.jupiter.api.Test;

class AlertGrouperTest {
    private static final Instant DAY_CLOSE = Instant.parse("2020-03-31T16:00:00Z");
    private static final Instant WALL = Instant.parse("2024-01-01T00:00:00Z");
    private final DecisionStore decisions = new DecisionStore();
    private final AlertGrouper grouper = new AlertGrouper(
            new GroupTimings(Duration.ofSeconds(30), Duration.ofDays(1), Duration.ofHours(4)), decisions);

    @Test
    void shouldSendOneNoticeListingManyAlertsOfOneDepartmentAndKind() {
        List<Alert> behind = IntStream.range(0, 12).mapToObj(i -> behind("t" + i, DAY_CLOSE)).toList();
        behind.forEach(a -> grouper.observe(a, DAY_CLOSE));
        grouper.observe(Alerts.notice("other", AlertKind.BEHIND, AlertState.FIRING, DAY_CLOSE, DAY_CLOSE,
                Severity.WARNING, "housing"), DAY_CLOSE);

        assertThat(grouper.due(DAY_CLOSE.plusSeconds(29), WALL)).as("group wait").isEmpty();
        List<GroupNotice> notices = grouper.due(DAY_CLOSE.plusSeconds(30), WALL);

        assertThat(notices).hasSize(2);
        GroupNotice commerce = notices.stream().filter(n -> n.group().departmentId().equals("commerce")).findFirst().orElseThrow();
        assertThat(commerce.group()).isEqualTo(new AlertGroupKey("commerce", AlertKind.BEHIND));
        assertThat(commerce.status()).isEqualTo(GroupNotice.Status.FIRING);
        assertThat(commerce.firing()).extracting(Alert::getTargetId).hasSize(12).contains("t0", "t11");
        assertThat(grouper.due(DAY_CLOSE.plusSeconds(60), WALL)).as("nothing new").isEmpty();
    }

    @Test
    void shouldHoldAChangeOfMembershipUntilTheGroupIntervalHasPassed() {
        grouper.observe(behind("a", DAY_CLOSE), DAY_CLOSE);
        GroupNotice first = grouper.due(DAY_CLOSE.plusSeconds(30), WALL).get(0);
        Instant later = DAY_CLOSE.plus(Duration.ofHours(3));
        grouper.observe(behind("b", later), later);
        grouper.observe(Alerts.withSeverity(behind("a", DAY_CLOSE), Severity.CRITICAL), later);

        assertThat(grouper.due(later.plusSeconds(60), WALL)).isEmpty();
        assertThat(grouper.hasNews(first.group(), WALL)).as("the change waits, so its offsets are not handled").isTrue();
        List<GroupNotice> next = grouper.due(DAY_CLOSE.plusSeconds(30).plus(Duration.ofDays(1)), WALL);

        assertThat(next).hasSize(1);
        assertThat(next.get(0).firing()).extracting(Alert::getTargetId, Alert::getSeverity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", Severity.CRITICAL),
                        org.assertj.core.groups.Tuple.tuple("b", Severity.WARNING));
        assertThat(next.get(0).id()).isNotEqualTo(first.id());
    }

    @Test
    void shouldSendOneResolvedNoticeWhenEveryMemberResolved() {
        grouper.observe(behind("a", DAY_CLOSE), DAY_CLOSE);
        grouper.observe(behind("b", DAY_CLOSE), DAY_CLOSE);
        grouper.due(DAY_CLOSE.plusSeconds(30), WALL);
        Instant nextDay = DAY_CLOSE.plus(Duration.ofDays(1));
        grouper.observe(Alerts.resolved("a", AlertKind.BEHIND, DAY_CLOSE, nextDay), nextDay);
        grouper.observe(Alerts.resolved("b", AlertKind.BEHIND, DAY_CLOSE, nextDay), nextDay);

        List<GroupNotice> notices = grouper.due(nextDay.plusSeconds(30), WALL);

        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).status()).isEqualTo(GroupNotice.Status.RESOLVED);
        assertThat(notices.get(0).firing()).isEmpty();
        assertThat(notices.get(0).resolved()).extracting(Alert::getTargetId).containsExactly("a", "b");
        assertThat(grouper.due(nextDay.plus(Duration.ofDays(5)), WALL)).isEmpty();
    }

    @Test
    void shouldNotNotifyAGroupWhoseAlertsFiredAndResolvedUnnotified() {
        grouper.observe(behind("a", DAY_CLOSE), DAY_CLOSE);
        grouper.observe(Alerts.resolved("a", AlertKind.BEHIND, DAY_CLOSE, DAY_CLOSE.plusSeconds(5)), DAY_CLOSE);

        assertThat(grouper.due(DAY_CLOSE.plusSeconds(30), WALL)).isEmpty();
    }

    @Test
    void shouldLeaveOutAcknowledgedAndSilencedMembersAndTheWholeOfASilencedGroup() {
        Alert acked = behind("acked", DAY_CLOSE);
        decisions.put(acked.getDedupKey(), OperatorDecision.none(acked.getDedupKey()).withAcknowledgement(
                new OperatorDecision.Acknowledgement(acked.getAlertId(), DAY_CLOSE, "li.si", null, WALL)));
        grouper.observe(acked, DAY_CLOSE);
        grouper.observe(behind("open", DAY_CLOSE), DAY_CLOSE);
        assertThat(grouper.due(DAY_CLOSE.plusSeconds(30), WALL).get(0).firing()).extracting(Alert::getTargetId)
                .containsExactly("open");

        AlertGroupKey housing = new AlertGroupKey("housing", AlertKind.BEHIND);
        decisions.put(housing.decisionKey(), OperatorDecision.none(housing.decisionKey()).withSilence(
                new OperatorDecision.Silence(WALL.plus(Duration.ofHours(1)), "li.si", null, WALL)));
        grouper.observe(Alerts.notice("h", AlertKind.BEHIND, AlertState.FIRING, DAY_CLOSE, DAY_CLOSE,
                Severity.WARNING, "housing"), DAY_CLOSE);
        assertThat(grouper.due(DAY_CLOSE.plusSeconds(60), WALL)).isEmpty();
        assertThat(grouper.due(DAY_CLOSE.plusSeconds(60), WALL.plus(Duration.ofHours(2))))
                .extracting(GroupNotice::group).containsExactly(housing);
    }

    @Test
    void shouldRemindOfAnUnchangedGroupOnlyAfterTheRepeatInterval() {
        Alert a = behind("a", DAY_CLOSE);
        grouper.observe(a, DAY_CLOSE);
        grouper.due(DAY_CLOSE.plusSeconds(30), WALL);
        Instant nextDay = DAY_CLOSE.plus(Duration.ofDays(2));
        grouper.observe(a, nextDay); // the streams app sent the same condition again

        assertThat(grouper.due(nextDay, WALL.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(grouper.due(nextDay, WALL.plus(Duration.ofHours(5)))).hasSize(1);
    }

    @Test
    void shouldCountAGroupHandledBeforeARestartAsNotified() {
        Alert a = behind("a", DAY_CLOSE);
        grouper.remember(a, WALL);

        assertThat(grouper.hasNews(AlertGroupKey.of(a), WALL)).isFalse();
        assertThat(grouper.due(DAY_CLOSE.plus(Duration.ofDays(3)), WALL)).isEmpty();
    }

    private static Alert behind(String target, Instant since) {
        return Alerts.firing(target, AlertKind.BEHIND, since);
    }
}
