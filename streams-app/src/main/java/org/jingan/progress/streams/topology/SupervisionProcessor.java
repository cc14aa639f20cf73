package org.jingan.progress.streams.topology;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.CaseEventType;
import org.jingan.progress.avro.CaseStage;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.SupervisionCaseState;
import org.jingan.progress.clock.SimulatedClock;
import org.jingan.progress.contract.CaseFile;
import org.jingan.progress.streams.avro.SupervisionWatch;
import org.jingan.progress.streams.rules.Calendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervision cases (督办单) on the district clock. In: this task's snapshots and alerts as the progress processor
 * forwards them (only a change of status or of the stale-report alert does anything), and the steps on the
 * supervision-cases topic (answers from the intake, reviews from the monitor, and this processor's own steps read
 * back, which it applied already). Out: its own steps, to the same topic.
 *
 * <p>Rules (each run when a condition changes and when the district clock moves, checked every clock-check interval):
 * a condition that held for its duration opens a case, or is added to the target's open case; a case still waiting
 * for its answer after its deadline day gets a reminder and an escalation, once per deadline; a case whose target was
 * back on track for {@code autoCloseAfter} closes.
 */
final class SupervisionProcessor implements Processor<String, Object, String, SupervisionCaseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisionProcessor.class);

    private final ProgressTopologyConfig config;
    private final SupervisionRules rules;
    private final SimulatedClock simulated;
    private final ZoneId zone;

    private ProcessorContext<String, SupervisionCaseEvent> context;
    private TaskClock clock;
    private ConditionWatches watches;
    private CaseDesk cases;
    /** The district-clock time of the last sweep: the clock standing still sweeps nothing. */
    private long lastSweep = Long.MIN_VALUE;

    SupervisionProcessor(ProgressTopologyConfig config, SimulatedClock simulated) {
        this.config = config;
        this.rules = config.supervision();
        this.simulated = simulated;
        this.zone = config.rules().zone();
    }

    @Override
    public void init(ProcessorContext<String, SupervisionCaseEvent> context) {
        this.context = context;
        this.clock = TaskClock.of(simulated, context);
        this.watches = new ConditionWatches(context.getStateStore(ProgressStores.SUPERVISION_WATCH));
        this.cases = new CaseDesk(context.getStateStore(ProgressStores.SUPERVISION_CASES));
        watches.load();
        context.schedule(config.clockCheckInterval(), PunctuationType.WALL_CLOCK_TIME, ts -> sweep());
    }

    @Override
    public void process(Record<String, Object> record) {
        Object value = record.value();
        if (value instanceof SupervisionCaseEvent step) {
            onStep(step);
            return;
        }
        long now = clock.now();
        SupervisionWatch changed = null;
        if (value instanceof ProgressSnapshot s) {
            changed = watches.onSnapshot(s, now);
        } else if (value instanceof Alert a) {
            changed = watches.onAlert(a, now);
        }
        if (changed != null) {
            review(changed, now);
        }
    }

    /** A step from the topic: someone else's is applied; this processor's own were applied when made. */
    private void onStep(SupervisionCaseEvent step) {
        SupervisionCaseState current = cases.current(step.getTargetId());
        if (CaseFile.contains(current, step.getEventId())) {
            return;
        }
        if (step.getType() == CaseEventType.OPENED && CaseFile.isOpen(current)) {
            // an operator opened a case by hand while one was open: the note goes to the open case
            emit(step(current, CaseEventType.CONDITION_ADDED, step.getEventId() + "/added", step.getBy(),
                    clock.now(), step.getText()).setConditions(List.of(CaseFile.MANUAL)).build());
            return;
        }
        if (cases.apply(step) == null) {
            LOG.info("Supervision step {} ({} on case {} by {}) does not apply to the case as it stands; ignored",
                    step.getEventId(), step.getType(), step.getCaseId(), step.getBy());
        }
    }

    private void sweep() {
        long now = clock.now();
        if (now == lastSweep) {
            return;
        }
        lastSweep = now;
        for (SupervisionWatch w : List.copyOf(watches.all())) {
            review(w, now);
        }
    }

    private void review(SupervisionWatch w, long now) {
        SupervisionCaseState c = cases.current(w.getTargetId());
        if (rules.enabled()) {
            c = openOrAdd(w, c, now);
        }
        if (!CaseFile.isOpen(c)) {
            return;
        }
        LocalDate today = Calendar.dateOf(now, zone);
        if (CaseFile.isOverdue(c, today) && !c.getAnswerDueBy().equals(c.getEscalatedFor())) {
            chase(c, now);
        } else if (backOnTrackLongEnough(w, c, now)) {
            String since = Calendar.dateOf(w.getOnTrackSince(), zone).toString();
            emit(step(c, CaseEventType.CLOSED, c.getCaseId() + "/CLOSED", CaseFile.STREAMS_APP, now,
                    "目标自 " + since + " 起恢复正常进度，自动结案 / back on track since " + since + ": closed by itself")
                    .build());
        }
    }

    private SupervisionCaseState openOrAdd(SupervisionWatch w, SupervisionCaseState c, long now) {
        List<String> ripe = new ArrayList<>();
        for (Map.Entry<String, Long> e : w.getActive().entrySet()) {
            Duration needed = rules.openAfter().get(e.getKey());
            if (needed != null && now - e.getValue() >= needed.toMillis()
                    && !(CaseFile.isOpen(c) && c.getConditions().contains(e.getKey()))) {
                ripe.add(e.getKey());
            }
        }
        if (ripe.isEmpty()) {
            return c;
        }
        ripe.sort(null);
        String text = String.join(", ", ripe);
        if (CaseFile.isOpen(c)) {
            return emit(step(c, CaseEventType.CONDITION_ADDED, c.getCaseId() + "/CONDITION_ADDED/" + text,
                    CaseFile.STREAMS_APP, now, "新增情形：" + ripe.stream().map(k -> CONDITION_NAMES
                            .getOrDefault(k, new String[] {k, k})[0]).collect(java.util.stream.Collectors.joining("，"))
                            + " / condition added: " + ripe.stream().map(k -> CONDITION_NAMES
                            .getOrDefault(k, new String[] {k, k})[1]).collect(java.util.stream.Collectors.joining(", ")))
                    .setConditions(ripe).build());
        }
        int number = c == null ? 1 : c.getCaseNumber() + 1;
        String caseId = CaseFile.caseId(w.getTargetId(), number);
        LocalDate due = rules.calendar().plus(Calendar.dateOf(now, zone), rules.answerWorkingDays());
        SupervisionCaseEvent opened = SupervisionCaseEvent.newBuilder().setEventId(caseId + "/OPENED")
                .setCaseId(caseId).setTargetId(w.getTargetId()).setDepartmentId(w.getDepartmentId())
                .setType(CaseEventType.OPENED).setConditions(ripe).setBy(CaseFile.STREAMS_APP)
                .setClockTime(java.time.Instant.ofEpochMilli(now))
                .setWallTime(java.time.Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .setText(openingText(ripe, w)).setAnswerDueBy(due).setNameZh(w.getNameZh()).setNameEn(w.getNameEn())
                .build();
        return emit(opened);
    }

    private static final Map<String, String[]> CONDITION_NAMES = Map.of(
            SupervisionRules.BEHIND, new String[] {"进度滞后", "behind pace"},
            SupervisionRules.BREACHED, new String[] {"突破控制线", "ceiling breached"},
            SupervisionRules.STALE_REPORT, new String[] {"久未填报", "no recent report"});

    /** "督办：进度滞后已持续 7 天，请于 5 个工作日内反馈 / supervision: behind pace for 7 days, ..." */
    private String openingText(List<String> conditions, SupervisionWatch w) {
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (String c : conditions) {
            long days = rules.openAfter().get(c).toDays();
            String[] names = CONDITION_NAMES.getOrDefault(c, new String[] {c, c});
            zh.add(names[0] + (days > 0 ? "已持续 " + days + " 天" : ""));
            en.add(names[1] + (days > 0 ? " for " + days + " days" : ""));
        }
        return "督办：" + String.join("，", zh) + "，请于 " + rules.answerWorkingDays() + " 个工作日内反馈 / supervision: "
                + String.join(", ", en) + "; answer within " + rules.answerWorkingDays() + " working days";
    }

    /** No answer by the deadline: a reminder (催办) to the department and an escalation to leadership, once each. */
    private void chase(SupervisionCaseState c, long now) {
        String due = c.getAnswerDueBy().toString();
        SupervisionCaseState reminded = emit(step(c, CaseEventType.REMINDED, c.getCaseId() + "/REMINDED/" + due,
                CaseFile.STREAMS_APP, now, "催办：反馈期限 " + due + " 已过 / reminder: the answer was due by " + due)
                .build());
        emit(step(reminded, CaseEventType.ESCALATED, c.getCaseId() + "/ESCALATED/" + due, CaseFile.STREAMS_APP, now,
                "逾期未反馈，提请领导督办 / no answer by " + due + ": escalated to leadership").build());
    }

    private boolean backOnTrackLongEnough(SupervisionWatch w, SupervisionCaseState c, long now) {
        if (w.getOnTrackSince() == null || now - w.getOnTrackSince() < rules.autoCloseAfter().toMillis()) {
            return false;
        }
        // a case opened by hand for no condition of the rules is the operator's to close
        return c.getConditions().stream().anyMatch(cond -> !cond.equals(CaseFile.MANUAL));
    }

    private SupervisionCaseEvent.Builder step(SupervisionCaseState c, CaseEventType type, String eventId, String by,
                                              long now, String text) {
        return SupervisionCaseEvent.newBuilder().setEventId(eventId).setCaseId(c.getCaseId())
                .setTargetId(c.getTargetId()).setDepartmentId(c.getDepartmentId()).setType(type).setBy(by)
                .setClockTime(java.time.Instant.ofEpochMilli(now))
                .setWallTime(java.time.Instant.ofEpochMilli(context.currentSystemTimeMs())).setText(text);
    }

    /** Applies this processor's own step at once (so the next decision sees it) and writes it to the topic. */
    private SupervisionCaseState emit(SupervisionCaseEvent e) {
        SupervisionCaseState after = cases.apply(e);
        if (after == null) {
            throw new IllegalStateException("the supervision rules made a step its case refuses: " + e);
        }
        context.forward(new Record<>(e.getTargetId(), e, context.currentSystemTimeMs()));
        return after;
    }
}
