package org.jingan.progress.intake.validation;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jingan.progress.avro.TargetKind;
import org.jingan.progress.avro.UpdateKind;

/** Which update kinds fit which target kinds, and the labels (English or Chinese) a spreadsheet may use for them. */
public final class UpdateKinds {
    private static final Map<String, UpdateKind> LABELS = Map.ofEntries(
            Map.entry("increment", UpdateKind.INCREMENT), Map.entry("增量", UpdateKind.INCREMENT),
            Map.entry("新增", UpdateKind.INCREMENT), Map.entry("本期新增", UpdateKind.INCREMENT),
            Map.entry("cumulative_to_date", UpdateKind.CUMULATIVE_TO_DATE), Map.entry("cumulative", UpdateKind.CUMULATIVE_TO_DATE),
            Map.entry("累计", UpdateKind.CUMULATIVE_TO_DATE), Map.entry("累计值", UpdateKind.CUMULATIVE_TO_DATE),
            Map.entry("年度累计", UpdateKind.CUMULATIVE_TO_DATE),
            Map.entry("level", UpdateKind.LEVEL), Map.entry("水平", UpdateKind.LEVEL), Map.entry("当前值", UpdateKind.LEVEL),
            Map.entry("现值", UpdateKind.LEVEL),
            Map.entry("milestone_reached", UpdateKind.MILESTONE_REACHED), Map.entry("milestone", UpdateKind.MILESTONE_REACHED),
            Map.entry("完成", UpdateKind.MILESTONE_REACHED), Map.entry("已完成", UpdateKind.MILESTONE_REACHED),
            Map.entry("correction", UpdateKind.CORRECTION), Map.entry("更正", UpdateKind.CORRECTION),
            Map.entry("撤销", UpdateKind.CORRECTION));

    private UpdateKinds() {
    }

    /** The kind a label names, in any case and with '-' or ' ' for '_'; empty when the label is unknown. */
    public static Optional<UpdateKind> parse(String label) {
        String key = label.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Optional.ofNullable(LABELS.get(key));
    }

    /** What a report on a target of this kind means when it does not say: the natural reading of a spreadsheet cell. */
    public static UpdateKind defaultFor(TargetKind targetKind) {
        return switch (targetKind) {
            case CUMULATIVE -> UpdateKind.CUMULATIVE_TO_DATE;
            case LEVEL, CEILING -> UpdateKind.LEVEL;
            case MILESTONE -> UpdateKind.MILESTONE_REACHED;
        };
    }

    /**
     * The update kinds that make sense for a target kind. A cumulative amount takes increments or year-to-date
     * totals; a level takes levels; a ceiling may be a level or an amount that accumulates (tons, cases); a
     * milestone is reached. Any target may be corrected.
     */
    public static Set<UpdateKind> allowedFor(TargetKind targetKind) {
        return switch (targetKind) {
            case CUMULATIVE -> EnumSet.of(UpdateKind.INCREMENT, UpdateKind.CUMULATIVE_TO_DATE, UpdateKind.CORRECTION);
            case LEVEL -> EnumSet.of(UpdateKind.LEVEL, UpdateKind.CORRECTION);
            case CEILING -> EnumSet.of(UpdateKind.LEVEL, UpdateKind.INCREMENT, UpdateKind.CUMULATIVE_TO_DATE,
                    UpdateKind.CORRECTION);
            case MILESTONE -> EnumSet.of(UpdateKind.MILESTONE_REACHED, UpdateKind.CORRECTION);
        };
    }

    /** Chinese name of a target kind, for messages. */
    public static String zh(TargetKind kind) {
        return switch (kind) {
            case CUMULATIVE -> "累计类";
            case LEVEL -> "水平类";
            case CEILING -> "上限类";
            case MILESTONE -> "节点类";
        };
    }

    /** Chinese name of an update kind, for messages. */
    public static String zh(UpdateKind kind) {
        return switch (kind) {
            case INCREMENT -> "增量";
            case CUMULATIVE_TO_DATE -> "累计";
            case LEVEL -> "水平";
            case MILESTONE_REACHED -> "完成";
            case CORRECTION -> "更正";
        };
    }
}
