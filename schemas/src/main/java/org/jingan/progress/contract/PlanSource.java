package org.jingan.progress.contract;

import java.time.LocalDate;

import org.jingan.progress.avro.Target;

/**
 * Which plan a target is measured against, and how every screen names it: 时序进度 (linear over the target's period,
 * the default while its department has no approved plan), the department's own plan approved on a date by a named
 * operator, or checkpoints published with the catalog.
 */
public record PlanSource(Kind kind, String approvedBy, LocalDate approvedOn) {

    public enum Kind {
        /** 时序进度: 时间过半、任务过半, linear from 1 January to the deadline. */
        LINEAR,
        /** The department's 分解计划, approved by an operator. */
        DEPARTMENT,
        /** Checkpoints written into the catalog file itself. */
        CATALOG
    }

    public static final PlanSource LINEAR = new PlanSource(Kind.LINEAR, null, null);

    public static PlanSource of(Target target) {
        if (target.getPlanApprovedBy() != null) {
            return new PlanSource(Kind.DEPARTMENT, target.getPlanApprovedBy(), target.getPlanApprovedOn());
        }
        return target.getPacePlan().isEmpty() ? LINEAR : new PlanSource(Kind.CATALOG, null, null);
    }

    /** From a standing's or history point's fields (null kind: written before plans had a source, read as LINEAR). */
    public static PlanSource of(String kind, String approvedBy, LocalDate approvedOn) {
        Kind k = kind == null ? Kind.LINEAR : Kind.valueOf(kind);
        return k == Kind.DEPARTMENT ? new PlanSource(k, approvedBy, approvedOn) : new PlanSource(k, null, null);
    }

    /** e.g. 时序进度, or 部门分解计划（2020-05-01 经 王敏 批准）. */
    public String zh() {
        return switch (kind) {
            case LINEAR -> "时序进度";
            case DEPARTMENT -> "部门分解计划（" + approvedOn + " 经 " + approvedBy + " 批准）";
            case CATALOG -> "目录所载计划";
        };
    }

    /** e.g. time-proportional pace (时序进度), or the department's plan approved 2020-05-01 by 王敏. */
    public String en() {
        return switch (kind) {
            case LINEAR -> "time-proportional pace (时序进度)";
            case DEPARTMENT -> "the department's plan approved " + approvedOn + " by " + approvedBy;
            case CATALOG -> "the catalog's plan";
        };
    }
}
