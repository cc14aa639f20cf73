package org.jingan.progress.intake.validation;

import java.util.Locale;
import java.util.Set;

/** Unit comparison as people type units: full-width percent, stray spaces, case. */
final class Units {
    /** Units that count whole things: a fractional value in them is a typing error. */
    private static final Set<String> COUNTS = Set.of("个", "台", "户", "人", "家", "套", "所", "处", "条", "座", "项", "部",
            "辆", "间", "栋", "幢", "名", "次", "场", "批", "块", "张", "只", "件", "棵", "株");

    private Units() {
    }

    static String normalize(String unit) {
        return unit.strip().replace('％', '%').replace('／', '/').replace(" ", "").toLowerCase(Locale.ROOT);
    }

    static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    static boolean countsWholeThings(String unit) {
        return COUNTS.contains(normalize(unit));
    }
}
