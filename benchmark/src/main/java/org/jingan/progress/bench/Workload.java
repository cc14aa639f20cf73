package org.jingan.progress.bench;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;

/**
 * The data every phase of a run reads: the city-scale catalog published to the targets topic and N events in the
 * events topic, produced once so that ceilings and pipeline read exactly the same records.
 */
public record Workload(Catalog report, CityCatalog city, List<Target> keys, String targetsTopic, String eventsTopic,
                       Map<TopicPartition, Long> endOffsets) {

    public long events() {
        return endOffsets.values().stream().mapToLong(Long::longValue).sum();
    }

    public int year() {
        return report.year();
    }
}
