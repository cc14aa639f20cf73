package org.jingan.progress.catalog;

import java.util.ArrayList;
import java.util.List;

import org.jingan.progress.avro.Target;

/** A plain-text table of targets, aligned for terminals where CJK characters take two columns. */
final class TargetTable {
    private static final String[] HEADERS = {"ID", "SEC", "DEPARTMENT", "KIND", "COMPARATOR", "TARGET", "UNIT",
            "DEADLINE", "NAME"};

    private TargetTable() {
    }

    static String render(List<Target> targets) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (Target t : targets) {
            rows.add(new String[]{t.getId(), t.getSectionId(), t.getDepartmentId(), t.getKind().name(),
                    t.getComparator().name(), value(t.getTargetValue()), t.getUnit(), t.getDeadline().toString(),
                    t.getNameZh()});
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(row[i]);
                if (i < row.length - 1) {
                    out.append(" ".repeat(widths[i] - width(row[i]) + 2));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The value as written in the report: no trailing .0; "pending" while the city has not set it. */
    static String value(Double value) {
        if (value == null) {
            return "pending";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf(value.longValue())
                : String.valueOf(value);
    }

    /** Display width: East Asian wide and full-width characters count two columns. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
