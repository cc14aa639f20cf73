package org.jingan.progress.intake.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.cluster.EmbeddedKafka;
import org.jingan.progress.cluster.TopicSetup;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.intake.IntakeFixture;
import org.jingan.progress.intake.http.RateLimit;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops in the middle of traffic and comes back: every report the intake acknowledged is in the topic
 * exactly once, every other one was answered 503 with Retry-After (and is in the topic at most once), and no
 * request went unanswered. Runs its own broker (the shared one must not be stopped) with the shared registry.
 */
class BrokerOutageIntegrationTest {
    private static final int SENDERS = 3;

    record Outcome(String eventId, int status, String retryAfter, String type) {
    }

    @TempDir
    Path dir;

    @Test
    void shouldAnswerEveryReportAndStoreEveryAcknowledgedOneExactlyOnceAcrossABrokerOutage() throws Exception {
        TestCluster registry = TestCluster.get(); // its registry; the broker is this test's own
        try (EmbeddedKafka broker = EmbeddedKafka.builder().dataDir(dir.resolve("kafka")).build().start()) {
            TopicSetup.createMissing(broker.adminClientConfig(), List.of(Topics.PROGRESS_EVENTS), 1);
            try (IntakeFixture intake = IntakeFixture.onTopic(dir, Topics.PROGRESS_EVENTS.name(), config -> config
                    .bootstrapServers(broker.bootstrapServers())
                    .kafkaClientConfig("sasl.jaas.config", broker.admin().jaasConfig()) // this broker's admin, not the shared one's
                    .schemaRegistryUrl(registry.schemaRegistryUrl())
                    .schemaRegistryBasicAuth(registry.schemaRegistryUserInfo())
                    .deliveryTimeout(Duration.ofSeconds(4))
                    .retryAfter(Duration.ofSeconds(2))
                    // three senders as fast as answers come: the department's rate limit (its own test) would
                    // answer 429 to some, depending on the machine's speed; this test is about the broker
                    .rateLimit(RateLimit.OFF))) {

                var outcomes = new ConcurrentLinkedQueue<Outcome>();
                var failures = new ConcurrentLinkedQueue<Throwable>();
                var running = new AtomicBoolean(true);
                ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
                for (int s = 0; s < SENDERS; s++) {
                    int sender = s;
                    senders.submit(() -> {
                        for (int n = 0; running.get(); n++) {
                            String eventId = "outage-" + sender + "-" + n;
                            try {
                                HttpResponse<String> r = intake.postJson("/api/v1/reports", intake.constructionKey, """
                                        {"eventId": "%s", "targetId": "c-elevators", "kind": "INCREMENT", "value": 1,
                                         "eventTime": "2020-06-01"}""".formatted(eventId));
                                String type = r.statusCode() == 202 ? null : intake.json(r).path("type").asText();
                                outcomes.add(new Outcome(eventId, r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), type));
                            } catch (Throwable t) {
                                failures.add(t);
                            }
                        }
                    });
                }

                try {
                    outage(broker, intake, outcomes);
                } finally {
                    // also when an await fails: senders left running would hammer a closed intake and fill
                    // 'failures' until the test JVM runs out of memory
                    running.set(false);
                    senders.shutdown();
                }
                assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

                assertThat(failures).as("every request got an answer").isEmpty();
                List<Outcome> all = new ArrayList<>(outcomes);
                List<Outcome> notAccepted = all.stream().filter(o -> o.status() != 202).toList();
                assertThat(notAccepted).as("refused during the outage").isNotEmpty().allSatisfy(o -> {
                    assertThat(o.status()).isEqualTo(503);
                    assertThat(o.type()).isEqualTo("/problems/broker-unavailable");
                    assertThat(o.retryAfter()).isEqualTo("2");
                });

                Map<String, Long> copies = IntakeFixture.readAll(broker.adminClientConfig(), registry.registryConfig(), Topics.PROGRESS_EVENTS.name())
                        .stream().map(ConsumerRecord::value).map(ProgressEvent::getEventId)
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                List<String> acknowledged = all.stream().filter(o -> o.status() == 202).map(Outcome::eventId).toList();
                assertThat(acknowledged).allSatisfy(id -> assertThat(copies.get(id)).as("copies of acknowledged %s", id).isEqualTo(1L));
                assertThat(notAccepted).allSatisfy(o -> assertThat(copies.getOrDefault(o.eventId(), 0L))
                        .as("copies of refused %s", o.eventId()).isLessThanOrEqualTo(1L));
                assertThat(copies.keySet()).as("nothing in the topic that was not sent")
                        .isSubsetOf(all.stream().map(Outcome::eventId).toList());
            }
        }
    }

    /** Stops the broker while reports keep coming, starts it again, and waits until the intake is back. */
    private static void outage(EmbeddedKafka broker, IntakeFixture intake, ConcurrentLinkedQueue<Outcome> outcomes)
            throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted(outcomes) >= 30);
        broker.stop();
        int acceptedBeforeOutage = accepted(outcomes);
        await().atMost(Duration.ofSeconds(60)).until(() -> refused(outcomes) >= SENDERS * 2);
        assertThat(intake.management("/health/ready").statusCode()).as("not ready without a broker").isEqualTo(503);
        broker.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> accepted(outcomes) >= acceptedBeforeOutage + 30);
        await().atMost(Duration.ofSeconds(30)).until(() -> intake.management("/health/ready").statusCode() == 200);
    }

    private static int accepted(ConcurrentLinkedQueue<Outcome> outcomes) {
        return (int) outcomes.stream().filter(o -> o.status() == 202).count();
    }

    private static int refused(ConcurrentLinkedQueue<Outcome> outcomes) {
        return (int) outcomes.stream().filter(o -> o.status() != 202).count();
    }
}
