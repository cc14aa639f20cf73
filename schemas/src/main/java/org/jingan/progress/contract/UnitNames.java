package org.jingan.progress.contract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * English names of the catalog's units, for every English page, bulletin and message. The catalog gives each target a
 * Chinese unit only (项, 万平方米, …); this is the one table that says how an English reader should see it.
 *
 * <p>Counting words come in singular and plural ("1 item", "3 items"); the scaled units keep their scale in the name
 * ("× 10,000 m²", "× 100 million yuan": 1.41 × 10,000 m² is what the report means by 1.41万平方米). A unit missing
 * from the table is shown as it is written in the catalog, never blank.
 */
public final class UnitNames {
    /** One unit's English name, for one thing and for any other count. */
    public record English(String one, String other) {
        static English same(String name) {
            return new English(name, name);
        }
    }

    private static final Map<String, English> ENGLISH = new LinkedHashMap<>();

    static {
        ENGLISH.put("项", new English("item", "items"));             // milestones: a project completed, a plan issued
        ENGLISH.put("个", new English("unit", "units"));             // projects, centres, devices, childcare points
        ENGLISH.put("条", new English("section", "sections"));       // roads, streets, fitness trails, ramps
        ENGLISH.put("家", new English("business", "businesses"));    // companies, lunch outlets, wet markets
        ENGLISH.put("人", new English("person", "people"));
        ENGLISH.put("户", new English("household", "households"));
        ENGLISH.put("张", new English("bed", "beds"));               // elderly-care and nursing beds
        ENGLISH.put("幢", new English("building", "buildings"));
        ENGLISH.put("处", new English("site", "sites"));
        ENGLISH.put("台", new English("unit", "units"));             // lifts
        ENGLISH.put("%", English.same("%"));
        ENGLISH.put("平方米", English.same("m²"));
        ENGLISH.put("万平方米", English.same("× 10,000 m²"));
        ENGLISH.put("亿元", English.same("× 100 million yuan"));
        ENGLISH.put("吨/日", English.same("t/day"));
    }

    private UnitNames() {
    }

    /** Whether the table names this unit in English. */
    public static boolean known(String unit) {
        return unit != null && ENGLISH.containsKey(unit.strip());
    }

    /** The unit's English name as a heading or after most amounts ("items"); the unit itself when unknown. */
    public static String english(String unit) {
        if (unit == null) {
            return "";
        }
        English e = ENGLISH.get(unit.strip());
        return e == null ? unit : e.other();
    }

    /** The unit's English name after this amount: "1 item", "2 items"; the unit itself when unknown. */
    public static String english(String unit, Double amount) {
        if (unit == null) {
            return "";
        }
        English e = ENGLISH.get(unit.strip());
        if (e == null) {
            return unit;
        }
        return amount != null && amount == 1.0 ? e.one() : e.other();
    }

    /** The whole table, Chinese unit to English names, for pages that name units themselves. */
    public static Map<String, English> table() {
        return Collections.unmodifiableMap(ENGLISH);
    }
}
