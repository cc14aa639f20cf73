package org.jingan.progress.intake.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import org.jingan.progress.avro.Target;
import org.jingan.progress.intake.validation.UpdateKinds;

/** What the read endpoints show of a target. */
public final class TargetViews {
    private TargetViews() {
    }

    /** The public catalog entry: what the work report itself says, nothing more. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PublicTarget(String id, int year, String nameZh, String nameEn, String sectionId, String departmentId,
                        String departmentZh, String departmentEn, String kind, String unit, Double targetValue,
                        String comparator, LocalDate deadline) {
        public static PublicTarget of(Target t) {
            return new PublicTarget(t.getId(), t.getYear(), t.getNameZh(), t.getNameEn(), t.getSectionId(), t.getDepartmentId(),
                    t.getDepartmentZh(), t.getDepartmentEn(), t.getKind().name(), t.getUnit(), t.getTargetValue(),
                    t.getComparator().name(), t.getDeadline());
        }
    }

    /** One of the caller's own targets, with how to report on it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OwnTarget(String id, int year, String nameZh, String nameEn, String sectionId, String sectionZh, String kind,
                     String unit, Double targetValue, String comparator, LocalDate deadline, String parentTargetId,
                     String sourcePhrase, List<String> updateKinds, String defaultUpdateKind) {
        public static OwnTarget of(Target t) {
            return new OwnTarget(t.getId(), t.getYear(), t.getNameZh(), t.getNameEn(), t.getSectionId(), t.getSectionZh(),
                    t.getKind().name(), t.getUnit(), t.getTargetValue(), t.getComparator().name(), t.getDeadline(),
                    t.getParentTargetId(), t.getSourcePhrase(),
                    UpdateKinds.allowedFor(t.getKind()).stream().map(Enum::name).toList(),
                    UpdateKinds.defaultFor(t.getKind()).name());
        }
    }

    /**
     * A spreadsheet to fill in: BOM (so Excel reads it as UTF-8), Chinese headers, a row per own target. Every cell
     * goes through {@link CsvCells}: the catalog's text cannot turn into a formula when the file is opened.
     */
    public static String template(List<Target> own) {
        var csv = new StringBuilder("\uFEFF目标编号,目标名称,日期,类型,数值,单位,填报人,备注\r\n");
        for (Target t : own) {
            csv.append(CsvCells.cell(t.getId())).append(',').append(CsvCells.cell(t.getNameZh())).append(",,")
                    .append(CsvCells.cell(UpdateKinds.zh(UpdateKinds.defaultFor(t.getKind())))).append(",,")
                    .append(CsvCells.cell(t.getUnit())).append(",,\r\n");
        }
        return csv.toString();
    }
}
