package org.jingan.progress.streams.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.avro.specific.SpecificRecord;
import org.jingan.progress.avro.Alert;
import org.jingan.progress.avro.AlertKind;
import org.jingan.progress.avro.AlertState;
import org.jingan.progress.avro.ProgressEvent;
import org.jingan.progress.avro.ProgressSnapshot;
import org.jingan.progress.avro.Severity;
import org.jingan.progress.avro.Target;
import org.jingan.progress.avro.TargetStatus;
import org.jingan.progress.registry.SpecificAvroSerde;
import org.jingan.progress.streams.avro.RollupPartial;

/**
 * A deliberately small topology with the same store shapes as the real one (standings, history keyed
 * {@code targetId|day}, firing alerts keyed {@code targetId/KIND}, per-partition roll-up partials, the targets table),
 * so the query layer is tested on a real cluster without depending on the production rules.
 * Increments add up; an event whose note is "alert" fires a BEHIND alert, "resolve" resolves it.
 */
final class TinyProgressTopology {
    static final QueryStores STORES = new QueryStores("tiny-standings", "tiny-history", "tiny-rollups", "tiny-targets", "tiny-alerts");

    private TinyProgressTopology() {
    }

    static Topology build(String targetsTopic, String eventsTopic, String registryUrl) {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<String> keys = Serdes.String();
        KTable<String, Target> targets = builder.table(targetsTopic, Consumed.with(keys, serde(Target.class, registryUrl)),
                Materialized.<String, Target, KeyValueStore<Bytes, byte[]>>as(STORES.targets())
                        .withKeySerde(keys).withValueSerde(serde(Target.class, registryUrl)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORES.standings()),
                keys, serde(ProgressSnapshot.class, registryUrl)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORES.history()),
                keys, serde(ProgressSnapshot.class, registryUrl)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORES.alerts()),
                keys, serde(Alert.class, registryUrl)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORES.rollups()),
                keys, serde(RollupPartial.class, registryUrl)));
        builder.stream(eventsTopic, Consumed.with(keys, serde(ProgressEvent.class, registryUrl)))
                .join(targets, Reported::new)
                .process(Counting::new, STORES.standings(), STORES.history(), STORES.alerts(), STORES.rollups());
        return builder.build();
    }

    private record Reported(ProgressEvent event, Target target) {
    }

    private static final class Counting implements Processor<String, Reported, Void, Void> {
        private KeyValueStore<String, ProgressSnapshot> standings;
        private KeyValueStore<String, ProgressSnapshot> history;
        private KeyValueStore<String, Alert> alerts;
        private KeyValueStore<String, RollupPartial> rollups;
        private int partition;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            standings = context.getStateStore(STORES.standings());
            history = context.getStateStore(STORES.history());
            alerts = context.getStateStore(STORES.alerts());
            rollups = context.getStateStore(STORES.rollups());
            partition = context.taskId().partition();
        }

        @Override
        public void process(Record<String, Reported> record) {
            ProgressEvent event = record.value().event();
            Target target = record.value().target();
            ProgressSnapshot before = standings.get(record.key());
            double actual = (before == null ? 0 : before.getActual()) + (event.getValue() == null ? 0 : event.getValue());
            double ratio = target.getTargetValue() == null ? 0 : actual / target.getTargetValue();
            TargetStatus status = ratio >= 1 ? TargetStatus.COMPLETED : ratio >= 0.5 ? TargetStatus.ON_TRACK : TargetStatus.BEHIND;
            ProgressSnapshot snapshot = ProgressSnapshot.newBuilder()
                    .setTargetId(target.getId()).setTargetRevision(target.getRevision())
                    .setNameZh(target.getNameZh()).setNameEn(target.getNameEn())
                    .setSectionId(target.getSectionId()).setDepartmentId(target.getDepartmentId())
                    .setParentTargetId(target.getParentTargetId())
                    .setKind(target.getKind()).setComparator(target.getComparator()).setUnit(target.getUnit())
                    .setTargetValue(target.getTargetValue()).setActual(actual)
                    .setEventCount(before == null ? 1 : before.getEventCount() + 1)
                    .setCompletionRatio(ratio).setExpectedRatio(0.5).setGap(ratio - 0.5).setStatus(status)
                    .setLastEventTime(event.getEventTime()).setAsOf(event.getEventTime())
                    .build();
            standings.put(record.key(), snapshot);
            history.put(record.key() + "|" + event.getEventTime().atZone(ZoneOffset.UTC).toLocalDate(), snapshot);
            if ("alert".equals(event.getNote())) {
                alerts.put(record.key() + "/BEHIND", alert(snapshot, AlertState.FIRING, event.getEventTime()));
            } else if ("resolve".equals(event.getNote())) {
                alerts.delete(record.key() + "/BEHIND");
            }
            addToRollup(before, snapshot);
        }

        private void addToRollup(ProgressSnapshot before, ProgressSnapshot now) {
            String key = "department/" + now.getDepartmentId() + "/" + partition;
            RollupPartial partial = rollups.get(key);
            if (partial == null) {
                partial = RollupPartial.newBuilder().setScope("department").setScopeId(now.getDepartmentId())
                        .setPartition(partition).setCountsByStatus(new java.util.HashMap<>())
                        .setSubTargetCountsByStatus(new java.util.HashMap<>()).build();
            }
            Map<String, Long> counts = new java.util.HashMap<>(partial.getCountsByStatus());
            if (before == null) {
                partial.setTopLevelTargets(partial.getTopLevelTargets() + 1);
                partial.setMeasuredTargets(partial.getMeasuredTargets() + 1);
            } else {
                counts.merge(before.getStatus().name(), -1L, Long::sum);
                partial.setCompletionSum(partial.getCompletionSum() - Math.min(1, before.getCompletionRatio()));
                partial.setExpectedSum(partial.getExpectedSum() - before.getExpectedRatio());
            }
            counts.merge(now.getStatus().name(), 1L, Long::sum);
            partial.setCountsByStatus(counts);
            partial.setCompletionSum(partial.getCompletionSum() + Math.min(1, now.getCompletionRatio()));
            partial.setExpectedSum(partial.getExpectedSum() + now.getExpectedRatio());
            partial.setAsOf(now.getAsOf().toEpochMilli());
            rollups.put(key, partial);
        }

        private static Alert alert(ProgressSnapshot snapshot, AlertState state, Instant at) {
            String dedupKey = snapshot.getTargetId() + "/BEHIND";
            return Alert.newBuilder().setAlertId(dedupKey + "/" + state + "/" + at.toEpochMilli()).setDedupKey(dedupKey)
                    .setTargetId(snapshot.getTargetId()).setNameZh(snapshot.getNameZh()).setNameEn(snapshot.getNameEn())
                    .setDepartmentId(snapshot.getDepartmentId()).setKind(AlertKind.BEHIND).setState(state)
                    .setSeverity(Severity.CRITICAL).setStatus(snapshot.getStatus()).setUnit(snapshot.getUnit())
                    .setTargetValue(snapshot.getTargetValue()).setActual(snapshot.getActual())
                    .setGap(snapshot.getGap()).setFiringSince(at).setRaisedAt(at)
                    .setMessageZh(snapshot.getNameZh() + " 进度落后").setMessageEn(snapshot.getNameEn() + " is behind")
                    .build();
        }
    }

    static <T extends SpecificRecord> SpecificAvroSerde<T> serde(Class<T> type, String registryUrl) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(Map.of("schema.registry.url", registryUrl), false);
        return serde;
    }
}
