package org.jingan.progress.intake.validation;

import java.util.Map;
import java.util.Optional;

/**
 * Characters no report's text may hold: every control character (C0 including tab and line breaks, DEL, C1), the
 * Unicode line and paragraph separators, and the invisible text-direction controls. They hide or rewrite text on a
 * terminal (ESC), cut strings (NUL), split log lines and CSV rows (CR, LF), or make a note read differently from
 * what it says (bidi overrides). A report's text fields are one line of visible text.
 */
final class ControlCharacters {
    /** The fields as a Chinese spreadsheet names them. */
    private static final Map<String, String> ZH_NAMES = Map.of("eventId", "事件编号", "targetId", "目标编号", "kind", "类型",
            "value", "数值", "unit", "单位", "eventTime", "日期", "reporter", "填报人", "note", "备注",
            "correctsEventId", "更正事件编号", "departmentId", "部门编号");

    private ControlCharacters() {
    }

    static boolean isControl(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL // Cc: U+0000-001F, U+007F-009F
                || codePoint == 0x2028 || codePoint == 0x2029 // line and paragraph separators
                || codePoint >= 0x202A && codePoint <= 0x202E // bidi embeddings and overrides
                || codePoint >= 0x2066 && codePoint <= 0x2069; // bidi isolates
    }

    /**
     * The error for {@code field} when its text holds such a character anywhere (a trailing line break too: the
     * rule is the same for every field and every way in); the value it quotes is escaped, so the answer and the
     * audit log never carry the character itself.
     */
    static Optional<FieldError> check(ReportRow row, String field, String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text;
        for (int i = 0, position = 1; i < s.length(); position++) {
            int cp = s.codePointAt(i);
            if (isControl(cp)) {
                String name = "U+%04X%s".formatted(cp, nameOf(cp));
                return Optional.of(FieldError.of(row, field, Printable.quote(s, 80), Violation.CONTROL_CHARACTER,
                        ("%s holds the control character %s at character %d; a report's text is one line of visible"
                                + " characters (no line breaks, tabs, NUL or ESC): remove it").formatted(field, name, position),
                        "%s（%s）第%d个字符是控制字符 %s；填报内容须为一行可见文字（不能含换行、制表符、NUL、ESC 等），请删除"
                                .formatted(ZH_NAMES.getOrDefault(field, field), field, position, name)));
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    private static String nameOf(int cp) {
        return switch (cp) {
            case 0x00 -> " (NUL)";
            case 0x09 -> " (tab)";
            case 0x0A -> " (line feed)";
            case 0x0D -> " (carriage return)";
            case 0x1B -> " (ESC)";
            case 0x7F -> " (DEL)";
            case 0x85 -> " (next line)";
            default -> "";
        };
    }
}
