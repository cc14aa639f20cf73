package org.jingan.progress.monitor.web;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jingan.progress.catalog.Catalog;
import org.jingan.progress.catalog.Department;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chinese and English department names by id, from the target catalog; the id itself when unknown. */
public final class DepartmentNames {
    private static final Logger log = LoggerFactory.getLogger(DepartmentNames.class);

    private final Map<String, Department> byId;

    public DepartmentNames(Map<String, Department> byId) {
        this.byId = Map.copyOf(byId);
    }

    /** The names of the catalog shipped with the catalog module; ids only (logged) when it cannot be loaded. */
    public static DepartmentNames fromDefaultCatalog() {
        try {
            return new DepartmentNames(Catalog.loadDefault().departments().stream()
                    .collect(Collectors.toMap(Department::id, Function.identity(), (a, b) -> a)));
        } catch (RuntimeException e) {
            log.warn("Department names unavailable, the console shows department ids: {}", e.getMessage());
            return new DepartmentNames(Map.of());
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
