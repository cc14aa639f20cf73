package org.jingan.progress.cluster;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.jingan.progress.contract.Topics.TopicSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the pipeline's topics with their deliberate settings, and keeps the settings of those that exist in step. */
public final class TopicSetup {
    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    /**
     * Creates every missing topic of {@code specs} with {@code replicationFactor} replicas and
     * min.insync.replicas one less (at least 1), and sets the spec's topic-level settings on those that exist.
     * Returns the names it created.
     */
    public static List<String> createMissing(String bootstrapServers, Collection<TopicSpec> specs, int replicationFactor) {
        return createMissing(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), specs, replicationFactor);
    }

    /**
     * Waits until every partition of {@code topics} has a leader the brokers tell clients about: a created topic is
     * announced to the brokers a moment after the controller accepts it, and a client asking sooner is told it does
     * not exist (seen under load: a clock CLI run right after the test created its topic).
     */
    private static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                boolean led = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                        .flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (led) {
                    return;
                }
            } catch (ExecutionException | TimeoutException notYet) {
                // UnknownTopicOrPartition until the brokers have the topic
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + topics + " were created but have no leader after 30 s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * As {@link #createMissing(String, Collection, int)}, with any admin client settings: the security settings
     * (SASL, TLS) of a production cluster travel in {@code adminConfig} next to {@code bootstrap.servers}.
     */
    public static List<String> createMissing(Map<String, Object> adminConfig, Collection<TopicSpec> specs, int replicationFactor) {
        Map<String, Object> config = new java.util.HashMap<>(adminConfig);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        Object bootstrapServers = config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = specs.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) replicationFactor)
                            .configs(spec.configsFor(replicationFactor)))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
            }
            // topics made by an earlier version keep the settings they were made with: bring those up to the spec
            // (e.g. progress-alerts, once deleted by time, now compacted)
            Map<ConfigResource, Collection<AlterConfigOp>> updates = new java.util.HashMap<>();
            for (TopicSpec spec : specs) {
                if (existing.contains(spec.name())) {
                    updates.put(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), spec.configs().entrySet()
                            .stream().map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()),
                                    AlterConfigOp.OpType.SET)).toList());
                }
            }
            if (!updates.isEmpty()) {
                admin.incrementalAlterConfigs(updates).all().get(30, TimeUnit.SECONDS);
            }
            List<String> created = missing.stream().map(NewTopic::name).toList();
            log.info("Topics created: {}; already present: {}", created,
                    specs.stream().map(TopicSpec::name).filter(existing::contains).toList());
            return created;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                return List.of(); // created concurrently by someone else: fine
            }
            throw new IllegalStateException("Cannot create topics on " + bootstrapServers + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 30 s. Is it running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }
}
