package org.jingan.progress.stack.demo;

import java.time.Instant;

import org.jingan.progress.avro.Target;

/**
 * The city setting a target the report left open (登记失业人数控制在市政府下达目标内): the catalog target with its
 * value filled in. It is published as a catalog revision when the replay reaches {@link #eventTime()}.
 */
public record DemoRevision(int index, Instant eventTime, Target revised) implements DemoStep {
}
