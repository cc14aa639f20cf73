package org.jingan.progress.bulletins.content;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jingan.progress.contract.UnitNames;

/** Numbers as a report writes them: at most two decimals, no trailing zeros; shares as percentages. */
public final class Numbers {
    private Numbers() {
    }

    public static String value(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "—";
        }
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** {@code 800 亿元}, {@code 1.41 万平方米}, {@code 1%}. */
    public static String amount(Double v, String unit) {
        if (v == null || !Double.isFinite(v)) {
            return "—";
        }
        return "%".equals(unit) ? value(v) + "%" : value(v) + " " + unit;
    }

    /** In the document's language: {@code 800 亿元} or {@code 800 × 100 million yuan}, {@code 1 item}, {@code 3 items}. */
    public static String amount(Double v, String unit, Language language) {
        return amount(v, language == Language.EN ? UnitNames.english(unit, v) : unit);
    }

    /** The unit alone in the document's language, as a heading over amounts: {@code 万平方米} or {@code × 10,000 m²}. */
    public static String unit(String unit, Language language) {
        return language == Language.EN ? UnitNames.english(unit) : unit;
    }

    /** A share (0.875) as {@code 87.5%}. */
    public static String percent(Double share) {
        if (share == null || !Double.isFinite(share)) {
            return "—";
        }
        return BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    /** A difference of shares in percentage points, signed: {@code -12.3}. */
    public static String points(Double share) {
        if (share == null || !Double.isFinite(share)) {
            return "—";
        }
        String text = BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return share > 0 ? "+" + text : text;
    }

    /** A count's change: {@code +2}, {@code -1}, empty when unchanged. */
    public static String delta(int change) {
        return change == 0 ? "" : change > 0 ? "+" + change : String.valueOf(change);
    }
}
