package org.jingan.progress.monitor.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jingan.progress.avro.Target;
import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.catalog.Department;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chinese and English department names by id, as the targets topic names them: each target revision read from the
 * topic sets its department's names (a renamed or new department shows at once). Until the topic was read, or for a
 * department it does not name, the shipped catalog's names; the id itself when neither knows it.
 */
public final class DepartmentNames {
    private static final Logger log = LoggerFactory.getLogger(DepartmentNames.class);

    private final Map<String, Department> byId = new ConcurrentHashMap<>();

    public DepartmentNames(Map<String, Department> byId) {
        this.byId.putAll(byId);
    }

    /** Starts with the names of the shipped catalog (the targets topic's names replace them as they are read). */
    public static DepartmentNames of(Catalog shipped) {
        var names = new DepartmentNames(Map.of());
        shipped.departments().forEach(d -> names.byId.putIfAbsent(d.id(), d));
        return names;
    }

    /** A target as the topic has it: its department's names win over what was known. */
    public void put(Target target) {
        Department named = new Department(target.getDepartmentId(), target.getDepartmentZh(), target.getDepartmentEn());
        Department before = byId.put(named.id(), named);
        if (before != null && !before.equals(named)) {
            log.info("Department {} is now named {} / {} (targets topic)", named.id(), named.zh(), named.en());
        }
    }

    public String zh(String id) {
        Department d = byId.get(id);
        return d == null ? id : d.zh();
    }

    public String en(String id) {
        Department d = byId.get(id);
        return d == null ? id : d.en();
    }
}
