package org.jingan.progress.monitor.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;

/**
 * The targets as the targets topic has them (each revision read replaces its target), for what the monitor does by
 * target: a case opened by hand goes to the department the topic names, an escalation names the target. The shipped
 * catalog stands in until the topic was read.
 */
public final class LiveTargets {
    private final Map<String, Target> byId = new ConcurrentHashMap<>();

    /** Starts from the shipped catalog (the follower of the topic overwrites it as it reads). */
    public static LiveTargets of(Catalog shipped) {
        LiveTargets targets = new LiveTargets();
        shipped.targets().forEach(targets::put);
        return targets;
    }

    public void put(Target target) {
        byId.put(target.getId(), target);
    }

    public Optional<Target> find(String targetId) {
        return Optional.ofNullable(byId.get(targetId));
    }
}
