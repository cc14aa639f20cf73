package org.jingan.progress.bulletins.data;

import java.time.LocalDate;

/** What a target is, from its definition in the query API: names, section, department, kind, unit, baseline. */
public record TargetFacts(String id, String nameZh, String nameEn, String sectionId, String sectionZh, String sectionEn,
                          String departmentId, String departmentZh, String departmentEn, String kind,
                          String comparator, String unit, Double baseline2019, LocalDate deadline,
                          String parentTargetId) {

    private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};

    /** The section's title numbered as the report numbers it: 主要预期目标, （一）扩大辐射力影响力… / 1. Expand reach… */
    public String sectionHeading(boolean chinese) {
        String name = chinese ? sectionZh : sectionEn;
        int n = sectionId.length() == 2 && Character.isDigit(sectionId.charAt(1)) ? sectionId.charAt(1) - '0' : 0;
        if (n < 1 || n > NUMERALS.length) {
            return name;
        }
        return chinese ? "（" + NUMERALS[n - 1] + "）" + name : n + ". " + name;
    }

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
