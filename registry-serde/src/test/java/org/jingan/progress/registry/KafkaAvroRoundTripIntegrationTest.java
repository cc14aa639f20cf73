package org.jingan.progress.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.contract.Topics;
import org.jingan.progress.testkit.TestCluster;
import org.junit.jupiter.api.Test;

/** The serdes in plain Kafka clients, configured by class name, against the real broker and registry. */
class KafkaAvroRoundTripIntegrationTest {

    private final TestCluster cluster = TestCluster.get();

    @Test
    void shouldRoundTripAProgressEventThroughARealTopic() {
        String topic = cluster.createTopicLike(cluster.uniqueName("events"), Topics.PROGRESS_EVENTS).name();
        ProgressEvent event = TestSchemas.progressEvent("sports-venues-new", 1.0);

        try (KafkaProducer<String, Object> producer = producer(SpecificAvroSerializer.class)) {
            producer.send(new ProducerRecord<>(topic, event.getTargetId().toString(), event));
            producer.send(new ProducerRecord<>(topic, "tombstone", null));
        }

        Map<String, Object> byKey = consume(topic, 2);
        assertThat(byKey).containsEntry("sports-venues-new", event).containsEntry("tombstone", null);
        assertThat(new HttpSchemaRegistryClient(cluster.schemaRegistryUrl(), cluster.schemaRegistryUserInfo()).latest(topic + "-value").schema())
                .isEqualTo(ProgressEvent.getClassSchema());
    }

    @Test
    void shouldLetAConsumerWithTheOlderSchemaReadRecordsWrittenWithANewerCompatibleOne() {
        String topic = cluster.createTopicLike(cluster.uniqueName("evolving"), Topics.PROGRESS_EVENTS).name();
        SchemaRegistryClient registry = new HttpSchemaRegistryClient(cluster.schemaRegistryUrl(), cluster.schemaRegistryUserInfo());
        registry.setCompatibility(topic + "-value", Compatibility.BACKWARD);
        Schema newer = withOptionalField(ProgressEvent.getClassSchema(), "location");
        ProgressEvent older = TestSchemas.progressEvent("t-old", 1.0);

        try (KafkaProducer<String, Object> producer = producer(SpecificAvroSerializer.class)) {
            producer.send(new ProducerRecord<>(topic, "t-old", older));
        }
        try (KafkaProducer<String, Object> producer = producer(GenericAvroSerializer.class)) {
            producer.send(new ProducerRecord<>(topic, "t-new", newerEvent(newer, "t-new", "静安寺街道")));
        }

        Map<String, Object> byKey = consume(topic, 2);
        assertThat(registry.latest(topic + "-value").version()).isEqualTo(2);
        assertThat(byKey.get("t-old")).isEqualTo(older);
        assertThat(byKey.get("t-new")).isInstanceOf(ProgressEvent.class);
        ProgressEvent fromNewer = (ProgressEvent) byKey.get("t-new");
        assertThat(fromNewer.getTargetId()).hasToString("t-new");
        assertThat(fromNewer.getEventTime()).isEqualTo(Instant.ofEpochMilli(1_593_504_000_000L));
        assertThat(fromNewer.getNote()).hasToString("written with the newer schema");
    }

    @Test
    void shouldNameTheIdAndTheRegistryWhenAConsumerMeetsAnUnknownSchemaId() {
        String topic = cluster.createTopicLike(cluster.uniqueName("unknown-id"), Topics.PROGRESS_EVENTS).name();
        byte[] unknownId = {0, 0x77, 0x35, (byte) 0x94, 0x00, 2, 0x41}; // id 2000000000
        Map<String, Object> producerConfig = new HashMap<>(cluster.clientConfig());
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, "k", unknownId));
        }

        try (KafkaConsumer<String, Object> consumer = consumer(topic)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(200)))
                            .isInstanceOf(RecordDeserializationException.class)
                            .cause()
                            .isInstanceOf(UnknownSchemaIdException.class)
                            .hasMessageContaining("Schema id 2000000000")
                            .hasMessageContaining(cluster.schemaRegistryUrl()));
        }
    }

    private KafkaProducer<String, Object> producer(Class<?> valueSerializer) {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer.getName());
        return new KafkaProducer<>(config);
    }

    private KafkaConsumer<String, Object> consumer(String topic) {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, cluster.uniqueName("group"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, SpecificAvroDeserializer.class.getName());
        config.put(RegistryConfig.SPECIFIC_AVRO_VALUE_TYPE, ProgressEvent.class.getName());
        KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Reads {@code count} records into a map by key (keys land on different partitions, so there is no order). */
    private Map<String, Object> consume(String topic, int count) {
        Map<String, Object> byKey = new HashMap<>();
        try (KafkaConsumer<String, Object> consumer = consumer(topic)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> byKey.put(r.key(), r.value()));
                return byKey.size() >= count;
            });
        }
        return byKey;
    }

    /** {@code schema} plus one optional string field with default null: a backward compatible change. */
    private static Schema withOptionalField(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "Added in the newer version.", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static GenericRecord newerEvent(Schema newer, String targetId, String location) {
        GenericRecord record = new GenericData.Record(newer);
        record.put("eventId", "e-" + targetId);
        record.put("targetId", targetId);
        record.put("departmentId", "jingan-sports-bureau");
        record.put("reporter", "li.na");
        record.put("kind", new GenericData.EnumSymbol(newer.getField("kind").schema(), "LEVEL"));
        record.put("value", 3.0);
        record.put("unit", "个");
        record.put("eventTime", 1_593_504_000_000L);
        record.put("reportedAt", 1_593_504_060_000L);
        record.put("note", "written with the newer schema");
        record.put("channel", "CLI");
        record.put("location", location);
        return record;
    }
}
