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
