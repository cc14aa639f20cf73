package org.jingan.progress.stack.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo year's people around supervision cases (督办单): once per district day the departments look at their open
 * cases through the intake (with their own keys) and the operator at the answers waiting for review through the
 * monitor (with the operator's login). Each target's first case plays one of four parts, chosen by its id, so the demo
 * shows the whole loop: answered in time and accepted; answered late (after the reminder and escalation) and
 * accepted; answered, returned once with a comment, answered again and accepted; never answered (escalated).
 * Later cases of a target are answered in time. It wraps the replay's own listener and acts on a thread of its own,
 * so the replay never waits for it.
 */
public final class DemoCaseActors implements ReplayListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoCaseActors.class);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The part a case plays. */
    enum Part { IN_TIME, LATE, RETURNED_ONCE, UNANSWERED }

    private final ReplayListener inner;
    private final String intakeUrl;
    private final Function<String, String> keyFor;
    private final Collection<String> departments;
    private final String monitorUrl;
    private final String operatorAuthorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "demo-case-actors");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile LocalDate lastDay;

    public DemoCaseActors(ReplayListener inner, String intakeUrl, Function<String, String> keyFor,
                          Collection<String> departments, String monitorUrl, String operatorAuthorization) {
        this.inner = inner;
        this.intakeUrl = intakeUrl;
        this.keyFor = keyFor;
        this.departments = departments;
        this.monitorUrl = monitorUrl;
        this.operatorAuthorization = operatorAuthorization;
    }

    /** The part of a case: the target's first case by its id, later ones answered in time. */
    static Part partOf(String caseId) {
        if (!caseId.endsWith("#1")) {
            return Part.IN_TIME;
        }
        return Part.values()[Math.floorMod(caseId.hashCode(), Part.values().length)];
    }

    @Override
    public void started(int position, int total) {
        inner.started(position, total);
    }

    @Override
    public void progress(int position, int total, Instant eventTime, int rejected) {
        inner.progress(position, total, eventTime, rejected);
    }

    @Override
    public void finished(int total, int rejected) {
        inner.finished(total, rejected);
    }

    @Override
    public void failed(String reason) {
        inner.failed(reason);
    }

    @Override
    public void clockMoved(Instant now) {
        inner.clockMoved(now);
        LocalDate day = LocalDate.ofInstant(now, ZONE);
        if (day.equals(lastDay) || !busy.compareAndSet(false, true)) {
            return; // once a day; a day still being acted on is not queued again
        }
        lastDay = day;
        worker.execute(() -> {
            try {
                departmentsAnswer();
                operatorReviews();
            } catch (IOException e) {
                log.debug("demo case actors: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                busy.set(false);
            }
        });
    }

    private void departmentsAnswer() throws IOException, InterruptedException {
        for (String department : departments) {
            String key = keyFor.apply(department);
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(intakeUrl + "/api/v1/cases"))
                    .header("Authorization", "Bearer " + key).GET());
            if (r.statusCode() != 200) {
                continue;
            }
            for (JsonNode c : JSON.readTree(r.body()).path("items")) {
                if (!"OPEN".equals(c.path("stage").asText()) || !shouldAnswer(c)) {
                    continue;
                }
                String targetId = c.path("targetId").asText();
                HttpResponse<String> answered = send(HttpRequest.newBuilder(
                                URI.create(intakeUrl + "/api/v1/cases/" + targetId + "/answer"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(answer(c))));
                log.info("demo: {} answered case {} ({})", department, c.path("caseId").asText(), answered.statusCode());
            }
        }
    }

    private static boolean shouldAnswer(JsonNode c) {
        return switch (partOf(c.path("caseId").asText())) {
            case IN_TIME, RETURNED_ONCE -> true;
            case LATE -> c.path("overdue").asBoolean() && c.path("escalations").asInt() > 0;
            case UNANSWERED -> false;
        };
    }

    private static String answer(JsonNode c) {
        boolean second = c.path("returnedCount").asInt() > 0;
        LocalDate due = LocalDate.parse(c.path("answerDueBy").asText());
        ObjectNode body = JSON.createObjectNode();
        body.put("reason", "演示数据：项目前期手续和资金拨付晚于计划，进度滞后 / demo: permits and funding came later than planned");
        body.put("measures", second
                ? "演示数据：按退回意见补充分月计划，专班每周调度，月底前补齐缺口 / demo: a monthly plan as asked, weekly reviews"
                : "演示数据：成立工作专班，每周调度 / demo: a task force meeting weekly");
        body.put("expectedCatchUp", due.plusMonths(2).withDayOfMonth(1).minusDays(1).toString());
        return body.toString();
    }

    private void operatorReviews() throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(monitorUrl + "/api/cases?view=review"))
                .header("Authorization", operatorAuthorization).GET());
        if (r.statusCode() != 200) {
            return;
        }
        for (JsonNode c : JSON.readTree(r.body()).path("items")) {
            String targetId = c.path("targetId").asText();
            boolean returnIt = partOf(c.path("caseId").asText()) == Part.RETURNED_ONCE
                    && c.path("returnedCount").asInt() == 0;
            String action = returnIt ? "return" : "accept";
            String note = returnIt ? "演示数据：请补充分月计划和责任人 / demo: add a monthly plan and who is responsible"
                    : "演示数据：同意 / demo: accepted";
            HttpResponse<String> done = send(HttpRequest.newBuilder(
                            URI.create(monitorUrl + "/api/cases/" + targetId + "/" + action))
                    .header("Authorization", operatorAuthorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("note", note).toString())));
            log.info("demo: operator {} case {} ({})", action, c.path("caseId").asText(), done.statusCode());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
