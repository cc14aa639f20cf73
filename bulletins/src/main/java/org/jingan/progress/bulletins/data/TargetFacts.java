package org.jingan.progress.bulletins.data;

import java.time.LocalDate;

/** What a target is, from its definition in the query API: names, section, department, kind, unit, baseline. */
public record TargetFacts(String id, String nameZh, String nameEn, String sectionId, String sectionZh, String sectionEn,
                          String departmentId, String departmentZh, String departmentEn, String kind,
                          String comparator, String unit, Double baseline2019, LocalDate deadline,
                          String parentTargetId) {

    public boolean isSubTarget() {
        return parentTargetId != null;
    }

    public boolean isCeiling() {
        return "CEILING".equals(kind);
    }

    public boolean isMilestone() {
        return "MILESTONE".equals(kind);
    }
}
