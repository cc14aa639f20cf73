package org.jingan.progress.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.ClockTick;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.SupervisionCaseEvent;
import org.jingan.progress.avro.SupervisionCaseState;
import org.jingan.progress.avro.Target;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.registry.Compatibility;
import org.jingan.progress.registry.RegistryConfig;
import org.jingan.progress.registry.SchemaRegistryClient;
import org.jingan.progress.registry.TopicNameStrategy;
import org.jingan.progress.streams.avro.HistoryPoint;
import org.jingan.progress.streams.avro.RollupPartial;
import org.jingan.progress.streams.avro.SeenEvent;
import org.jingan.progress.streams.avro.SupervisionWatch;
import org.jingan.progress.streams.avro.TargetState;
import org.jingan.progress.streams.topology.Placement;
import org.jingan.progress.streams.topology.ProgressStores;
import org.jingan.progress.streams.topology.ProgressTopology;

/**
 * The deploy step that registers every Avro value schema the system writes, so the apps can run with
 * {@code auto.register.schemas=false} and need only read access to the registry. Each subject gets BACKWARD
 * compatibility first, then the schema; both are idempotent, so {@link ClusterInit} and the local stack run it on
 * every start, before anything writes.
 *
 * <p>Subjects (TopicNameStrategy, {@code <topic>-value}): the public topics, the streams app's state-store
 * changelogs ({@code <application.id>-<store>-changelog-value}) and its two repartition topics, which carry the
 * input records a client placed on another partition than their key's ({@code <application.id>-targets-rerouted-
 * repartition-value}, {@code ...-progress-events-rerouted-repartition-value}). The changelogs are registered here too rather than
 * left to the streams app's auto-registration: neither registry the system runs on can limit a principal's writes to
 * some subjects (Apicurio without OIDC has no principals, open-source cp-schema-registry authorizes no subject), so
 * an app allowed to register its changelog schemas could register anything; with every subject registered here the
 * apps need no write access at all. The cost is that this step must know the application id (default
 * {@code progress-streams}, the streams app's {@code --application-id}).
 *
 * <p>Not registered: keys (plain strings), {@code alert-acknowledgements} (the monitor's decisions are JSON strings,
 * not Avro), the {@code progress-meta} store (longs), the district-clock global store (no changelog), and records
 * dead-lettered by Kafka's native dead-letter queue (original bytes; only refused reports the topology re-encodes
 * are Avro, as {@link ProgressEvent}).
 */
public final class SchemaRegistration {

    /** The streams app's default {@code application.id}. */
    public static final String DEFAULT_APPLICATION_ID = "progress-streams";

    /** The level every subject gets: a new schema must read everything written with the previous one. */
    public static final Compatibility COMPATIBILITY = Compatibility.BACKWARD;

    private final Map<String, Schema> schemasBySubject;

    private SchemaRegistration(Map<String, Schema> schemasBySubject) {
        this.schemasBySubject = Map.copyOf(schemasBySubject);
    }

    /** Every subject the pipeline writes, the streams app's changelogs under {@code applicationId}. */
    public static SchemaRegistration forPipeline(String applicationId) {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("The streams app's application id is needed to name its changelog"
                    + " subjects (default " + DEFAULT_APPLICATION_ID + ")");
        }
        Map<String, Schema> subjects = new LinkedHashMap<>();
        topic(subjects, Topics.TARGETS.name(), Target.getClassSchema());
        topic(subjects, Topics.PROGRESS_EVENTS.name(), ProgressEvent.getClassSchema());
        topic(subjects, Topics.TARGET_PROGRESS.name(), ProgressSnapshot.getClassSchema());
        topic(subjects, Topics.ALERTS.name(), Alert.getClassSchema());
        topic(subjects, Topics.DEAD_LETTERS.name(), ProgressEvent.getClassSchema()); // refused reports, re-encoded
        topic(subjects, Topics.CLOCK.name(), ClockTick.getClassSchema());
        topic(subjects, Topics.SUPERVISION_CASES.name(), SupervisionCaseEvent.getClassSchema());
        topic(subjects, Topics.PLAN_SUBMISSIONS.name(), org.jingan.progress.avro.PlanSubmission.getClassSchema());
        // the streams app's stores, as ProgressTopology.addStores declares them
        changelog(subjects, applicationId, ProgressStores.TARGET_DEFINITIONS, Target.getClassSchema());
        changelog(subjects, applicationId, ProgressStores.TARGET_STATE, TargetState.getClassSchema());
        changelog(subjects, applicationId, ProgressStores.TARGET_STANDING, ProgressSnapshot.getClassSchema());
        changelog(subjects, applicationId, ProgressStores.SEEN_EVENTS, SeenEvent.getClassSchema());
        changelog(subjects, applicationId, ProgressStores.TARGET_HISTORY, HistoryPoint.getClassSchema());
        changelog(subjects, applicationId, ProgressStores.ROLLUPS, RollupPartial.getClassSchema());
        changelog(subjects, applicationId, ProgressStores.FIRING_ALERTS, Alert.getClassSchema());
        changelog(subjects, applicationId, ProgressStores.HELD_REPORTS, ProgressEvent.getClassSchema());
        changelog(subjects, applicationId, ProgressStores.SUPERVISION_CASES, SupervisionCaseState.getClassSchema());
        changelog(subjects, applicationId, ProgressStores.SUPERVISION_WATCH, SupervisionWatch.getClassSchema());
        // the inputs' records a client placed on another partition than their key's, re-routed by key
        topic(subjects, Placement.repartitionTopic(applicationId, ProgressTopology.REROUTED_TARGETS), Target.getClassSchema());
        topic(subjects, Placement.repartitionTopic(applicationId, ProgressTopology.REROUTED_EVENTS),
                ProgressEvent.getClassSchema());
        return new SchemaRegistration(subjects);
    }

    /**
     * The registration for this deployment: the streams app's application id from {@code PROGRESS_APPLICATION_ID},
     * the variable the streams app reads too (default {@value #DEFAULT_APPLICATION_ID}).
     */
    public static SchemaRegistration forDeployment() {
        String applicationId = System.getenv("PROGRESS_APPLICATION_ID");
        return forPipeline(applicationId == null || applicationId.isBlank() ? DEFAULT_APPLICATION_ID : applicationId);
    }

    private static void topic(Map<String, Schema> subjects, String topic, Schema schema) {
        subjects.put(TopicNameStrategy.subject(topic, false), schema);
    }

    private static void changelog(Map<String, Schema> subjects, String applicationId, String store, Schema schema) {
        topic(subjects, applicationId + "-" + store + "-changelog", schema);
    }

    /** The subjects and the schema each gets. */
    public Map<String, Schema> subjects() {
        return schemasBySubject;
    }

    /**
     * Sets BACKWARD on each subject and registers its schema, with the registry settings in {@code registryConfig}
     * ({@code schema.registry.url}, {@code basic.auth.user.info}; other keys are ignored). Returns the subjects whose
     * schema was not registered before. A schema the subject's rule refuses fails the step (409), naming the subject.
     */
    public List<String> registerAll(Map<String, ?> registryConfig) {
        SchemaRegistryClient registry = SchemaRegistryClient.forConfig(RegistryConfig.from(registryConfig));
        List<String> added = new ArrayList<>();
        schemasBySubject.forEach((subject, schema) -> {
            registry.setCompatibility(subject, COMPATIBILITY);
            if (registry.idOf(subject, schema).isEmpty()) {
                registry.register(subject, schema);
                added.add(subject);
            }
        });
        return added;
    }

    /** {@link #registerAll}, then one line saying what it did. */
    public String registerAllAndSummarize(Map<String, ?> registryConfig) {
        List<String> added = registerAll(registryConfig);
        return schemasBySubject.size() + " subjects, " + COMPATIBILITY + " ("
                + (added.isEmpty() ? "all registered already" : added.size() + " newly registered") + ")";
    }
}
