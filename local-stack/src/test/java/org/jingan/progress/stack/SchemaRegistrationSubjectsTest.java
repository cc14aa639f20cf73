package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.streams.TopologyDescription;
import org.jingan.progress.registry.InMemorySchemaRegistryClient;
import org.jingan.progress.streams.topology.ProgressStores;
import org.jingan.progress.streams.topology.ProgressTopology;
import org.jingan.progress.streams.topology.ProgressTopologyConfig;
import org.junit.jupiter.api.Test;

/** The registration step knows every changelogged store of the topology: a new store without a subject fails here. */
class SchemaRegistrationSubjectsTest {

    @Test
    void shouldRegisterAChangelogSubjectForEveryAvroStoreOfTheTopology() {
        String scope = "schema-registration-subjects";
        TopologyDescription description;
        try {
            // as the streams app runs it: with supervision cases (--cases-topic, on by default)
            description = ProgressTopology.build(ProgressTopologyConfig.builder()
                            .supervisionTopic(org.jingan.progress.contract.Topics.SUPERVISION_CASES.name()).build(),
                    Map.of("schema.registry.url", "mem://" + scope)).describe();
        } finally {
            InMemorySchemaRegistryClient.dropScope(scope);
        }
        Set<String> stores = new TreeSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Processor processor) {
                stores.addAll(processor.stores());
            }
        }));
        stores.remove(ProgressStores.META); // Long values: no Avro, no subject

        Set<String> registered = new TreeSet<>();
        SchemaRegistration.forPipeline("app").subjects().keySet().stream()
                .filter(subject -> subject.startsWith("app-") && subject.endsWith("-changelog-value"))
                .map(subject -> subject.substring("app-".length(), subject.length() - "-changelog-value".length()))
                .forEach(registered::add);

        assertThat(registered).isEqualTo(stores);
    }

    @Test
    void shouldRegisterASubjectForEveryRepartitionTopicOfTheTopology() {
        String scope = "schema-registration-repartitions";
        TopologyDescription description;
        try {
            // with the inputs' partitions known, the topology re-routes misplaced records through repartition topics
            description = ProgressTopology.build(ProgressTopologyConfig.builder().inputPartitions(6).build(),
                    Map.of("schema.registry.url", "mem://" + scope)).describe();
        } finally {
            InMemorySchemaRegistryClient.dropScope(scope);
        }
        Set<String> repartitions = new TreeSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Sink sink && sink.topic().endsWith("-repartition")) {
                repartitions.add("app-" + sink.topic() + "-value");
            }
        }));

        assertThat(repartitions).hasSize(2);
        assertThat(SchemaRegistration.forPipeline("app").subjects().keySet()).containsAll(repartitions);
    }
}
