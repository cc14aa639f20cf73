package org.jingan.progress.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.Target;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.RegistryConfig;
import org.jingan.progress.registry.SchemaRegistryException;
import org.jingan.progress.registry.SpecificAvroDeserializer;
import org.jingan.progress.registry.SpecificAvroSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes catalog targets to the compacted targets topic, keyed by target id, idempotently: it first reads the
 * topic to its end, then writes only the targets whose content differs from what is there, each with the previous
 * revision + 1. Publishing the same catalog twice writes nothing the second time.
 *
 * <p>Once the topic holds the catalog it is the truth: {@link #seed} writes a file only to an empty topic, and a
 * change to a target already there is a revision, an audited act that needs a note (why); every record written
 * carries who wrote it ({@link LoginPrincipal}, the Kafka principal of the publisher's login) and when.
 *
 * <p>Two publishers running at the same moment could both compute the same next revision; the catalog is edited
 * by people and published by one command, so that is not guarded against.
 */
public final class CatalogPublisher {
    private static final Logger log = LoggerFactory.getLogger(CatalogPublisher.class);

    private final Map<String, Object> clientConfig;
    private final String topic;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param clientConfig Kafka client settings: at least {@code bootstrap.servers} and {@code schema.registry.url}
     *                     (security settings pass through to the clients and the serdes; the SASL login names who
     *                     publishes). Without {@code auto.register.schemas} the publisher does not register the
     *                     targets' schema on a real registry (the deploy step, {@code ClusterInit}, registers it); an
     *                     in-JVM {@code mem://} registry always registers
     * @param topic        the compacted targets topic, normally {@link Topics#TARGETS}
     * @param timeout      how long to wait for the cluster before giving up
     */
    public CatalogPublisher(Map<String, ?> clientConfig, String topic, Duration timeout) {
        this(clientConfig, topic, timeout, Clock.systemUTC());
    }

    /** As above, with the clock that stamps {@code revisedAt}. */
    public CatalogPublisher(Map<String, ?> clientConfig, String topic, Duration timeout, Clock clock) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        Object url = config.get(RegistryConfig.SCHEMA_REGISTRY_URL);
        config.putIfAbsent(RegistryConfig.AUTO_REGISTER_SCHEMAS, url != null && url.toString().startsWith("mem://"));
        this.clientConfig = Map.copyOf(config);
        this.topic = Objects.requireNonNull(topic, "topic");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        require(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        require(RegistryConfig.SCHEMA_REGISTRY_URL);
    }

    /** A publisher to {@code topic} with a 30-second timeout. */
    public CatalogPublisher(String bootstrapServers, String schemaRegistryUrl, String topic) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                RegistryConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl), topic, Duration.ofSeconds(30));
    }

    /**
     * What a publication did.
     *
     * @param published              the targets written, with their new revision, note, author and time
     * @param unchanged              how many targets were already on the topic with the same content
     * @param onTopicButNotInCatalog ids on the topic that the catalog no longer has (left as they are: removing a
     *                               target is a decision, not a side effect of an edit)
     */
    public record Result(List<Target> published, int unchanged, List<String> onTopicButNotInCatalog) {
        public List<String> publishedIds() {
            return published.stream().map(Target::getId).toList();
        }

        /** {@code published N, unchanged M} (plus targets on the topic the catalog no longer has). */
        public String summary() {
            String summary = "published " + published.size() + ", unchanged " + unchanged;
            if (!onTopicButNotInCatalog.isEmpty()) {
                summary += "; " + onTopicButNotInCatalog.size() + " on the topic but not in the catalog (left as they"
                        + " are): " + String.join(", ", onTopicButNotInCatalog);
            }
            return summary;
        }
    }

    /**
     * What {@link #seed} did: either the topic was empty and the file was published ({@code published} not null), or
     * the topic already held {@code onTopic} targets and nothing was written.
     */
    public record Seeding(int onTopic, Result published) {
        public boolean seeded() {
            return published != null;
        }

        /** One line for a banner or a log. */
        public String summary() {
            return seeded() ? "the topic was empty: seeded it with the file (" + published.summary() + ")"
                    : onTopic + " targets on the topic, the file is not republished; `catalog diff` shows what it"
                    + " would change";
        }
    }

    /**
     * Seeds an empty topic with the catalog; a topic that holds targets is the truth and is left as it is, whatever
     * the file says (a start of the stack must never undo a revision).
     */
    public Seeding seed(Catalog catalog) {
        Map<String, Target> published = readPublished();
        if (!published.isEmpty()) {
            Seeding seeding = new Seeding(published.size(), null);
            log.info("Catalog on '{}': {}", topic, seeding.summary());
            return seeding;
        }
        return new Seeding(0, write(published, catalog.targets(), null, true));
    }

    /** What publishing {@code targets} would change on the topic; reads only. */
    public CatalogDiff diff(List<Target> targets) {
        return CatalogDiff.between(readPublished(), targets);
    }

    /** Publishes every target of the catalog that is new to the topic; a changed one needs a note (see below). */
    public Result publish(Catalog catalog) {
        return publish(catalog.targets(), null);
    }

    /**
     * Publishes the targets whose content differs from the topic's latest record for the same id, treating them as
     * the whole catalog (ids on the topic that they lack are reported, never removed).
     *
     * @param note why: required as soon as one target already on the topic would change (a revision), and added to
     *             the revision note of every target written
     * @throws PublishException {@link PublishException.Reason#NOTE_REQUIRED} for a revision without a note, before
     *                          anything is written
     */
    public Result publish(List<Target> targets, String note) {
        return write(readPublished(), targets, note, true);
    }

    /**
     * Publishes only these targets (a revision of some targets, not a whole catalog): the others on the topic are
     * neither compared nor reported. Same rules as {@link #publish(List, String)}.
     */
    public Result publishTargets(List<Target> targets, String note) {
        return write(readPublished(), targets, note, false);
    }

    private Result write(Map<String, Target> published, List<Target> targets, String note, boolean wholeCatalog) {
        CatalogDiff diff = CatalogDiff.between(published, targets);
        if (!diff.changed().isEmpty() && (note == null || note.isBlank())) {
            throw new PublishException(PublishException.Reason.NOTE_REQUIRED, "Refused: publishing would revise "
                    + diff.changed().size() + " target(s) already on '" + topic + "' ("
                    + String.join(", ", diff.changed().stream().map(CatalogDiff.Changed::id).toList()) + "). A revision"
                    + " is an audited act: say why with --note \"...\" (`catalog diff` shows the changes).", null);
        }
        Set<String> toWrite = new HashSet<>();
        diff.added().forEach(t -> toWrite.add(t.getId()));
        diff.changed().forEach(c -> toWrite.add(c.id()));
        List<Target> changed = new ArrayList<>();
        if (!toWrite.isEmpty()) {
            Audit audit = new Audit(blankToNull(note), LoginPrincipal.of(clientConfig), clock.instant());
            for (Target target : targets) {
                if (toWrite.remove(target.getId())) {
                    changed.add(nextRevision(published.get(target.getId()), target, audit));
                }
            }
        }
        send(changed);
        List<String> orphans = wholeCatalog ? diff.onTopicOnly() : List.of();
        Result result = new Result(List.copyOf(changed), diff.unchanged(), orphans);
        log.info("Catalog publication to '{}': {}", topic, result.summary());
        return result;
    }

    /** Who writes, when and why: the same for every target of one publication. */
    record Audit(String note, String by, Instant at) {
    }

    /** The latest record of every target on the topic (tombstones remove), read from the beginning to the end. */
    public Map<String, Target> readPublished() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "catalog-publisher-reader");
        SpecificAvroDeserializer<Target> values = new SpecificAvroDeserializer<>(Target.class);
        values.configure(clientConfig, false);
        Map<String, Target> latest = new LinkedHashMap<>();
        // bytes, decoded here: a record that is no target is skipped (as the streams app and the followers skip it)
        // rather than blocking every later publication
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new PublishException(PublishException.Reason.FAILED, "The topic '" + topic + "' does not exist"
                        + " on " + bootstrapServers() + ": create it first as a compacted topic (cleanup.policy=compact,"
                        + " " + Topics.TARGETS.partitions() + " partitions), e.g. with the local stack's topic setup",
                        null);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant giveUp = Instant.now().plus(timeout);
            while (!reachedEnd(consumer, end)) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new TimeoutException("Reading '" + topic + "' to its end took longer than " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                        continue;
                    }
                    Target target = decode(values, record);
                    if (target != null) {
                        latest.put(record.key(), target);
                    }
                }
            }
        } catch (KafkaException e) {
            throw translate(e, "reading the published targets from '" + topic + "'");
        }
        return latest;
    }

    /** The target in {@code record}, or null (logged) when it holds none; a registry fault is thrown. */
    private static Target decode(SpecificAvroDeserializer<Target> values, ConsumerRecord<String, byte[]> record) {
        try {
            return values.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            if (SchemaRegistryException.isRegistryFault(e)) {
                throw e instanceof KafkaException k ? k : new KafkaException(e);
            }
            log.warn("skipped {}[{}]@{}: not a target ({})", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void send(List<Target> changed) {
        if (changed.isEmpty()) {
            return;
        }
        Map<String, Object> config = AcknowledgedWrites.producerConfig(clientConfig, timeout, "catalog-publisher");
        SpecificAvroSerializer<Target> values = new SpecificAvroSerializer<>();
        values.configure(clientConfig, false);
        try (KafkaProducer<String, Target> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Target target : changed) {
                sent.add(producer.send(new ProducerRecord<>(topic, target.getId(), target)));
            }
            producer.flush();
            for (Future<RecordMetadata> future : sent) {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (KafkaException e) {
            throw translate(e, "publishing to '" + topic + "'");
        } catch (ExecutionException e) {
            throw translate(e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause()),
                    "publishing to '" + topic + "'");
        } catch (java.util.concurrent.TimeoutException e) {
            throw translate(new TimeoutException(e.getMessage()), "publishing to '" + topic + "'");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(PublishException.Reason.FAILED, "Interrupted while publishing", e);
        }
    }

    /** The target as the next revision of {@code previous} (revision 1 if there is none), stamped with the audit. */
    static Target nextRevision(Target previous, Target target, Audit audit) {
        Target.Builder next = Target.newBuilder(target).setRevisedBy(audit.by()).setRevisedAt(audit.at());
        if (previous == null) {
            return next.setRevision(1).setRevisionNote(audit.note()).build();
        }
        String changes = "changed " + changedFields(previous, target);
        return next.setRevision(previous.getRevision() + 1)
                .setRevisionNote(audit.note() == null ? changes : audit.note() + " (" + changes + ")")
                .build();
    }

    /** Same target content, whatever the revision and its audit. */
    static boolean sameContent(Target a, Target b) {
        return CatalogDiff.fieldChanges(a, b).isEmpty();
    }

    /** e.g. {@code targetValue 800 -> 810, nameEn} (values shown when short). */
    static String changedFields(Target previous, Target target) {
        List<String> changes = new ArrayList<>();
        for (CatalogDiff.FieldChange change : CatalogDiff.fieldChanges(previous, target)) {
            String shown = change.toString();
            changes.add(shown.length() <= 80 ? shown : change.field());
        }
        return String.join(", ", changes);
    }

    /** Unreachable broker or registry becomes {@link PublishException.Reason#UNREACHABLE}; the rest FAILED. */
    private PublishException translate(KafkaException e, String doing) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry && registry.status() == -1) {
                return new PublishException(PublishException.Reason.UNREACHABLE, "The schema registry at "
                        + clientConfig.get(RegistryConfig.SCHEMA_REGISTRY_URL) + " did not answer while " + doing
                        + ": is it running? (" + registry.getMessage() + ")", e);
            }
            if (cause instanceof PublishException publish) {
                return publish;
            }
        }
        if (e instanceof TimeoutException) {
            return new PublishException(PublishException.Reason.UNREACHABLE, "Kafka at " + bootstrapServers()
                    + " did not answer within " + timeout + " while " + doing + ": is the broker running and are"
                    + " --bootstrap-servers right? (" + e.getMessage() + ")", e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root == e ? e.getMessage() : e.getMessage() + ": " + root.getMessage();
        return new PublishException(PublishException.Reason.FAILED, "Failed while " + doing + ": " + detail, e);
    }

    private String bootstrapServers() {
        return String.valueOf(clientConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    private void require(String key) {
        Object value = clientConfig.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("The publisher needs '" + key + "' in its client config");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
