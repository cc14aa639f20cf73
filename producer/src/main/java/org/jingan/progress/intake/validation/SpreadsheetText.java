package org.jingan.progress.intake.validation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a CSV file as Excel writes it: "CSV UTF-8" (with a BOM) or, by default in Chinese Windows, "CSV (逗号分隔)"
 * in the ANSI code page, GBK. Valid UTF-8 (with or without BOM) is read as UTF-8, anything else as GB18030 (a superset
 * of GBK and GB2312), unless the sender stated the encoding. Both are decoded strictly: bytes that are neither are
 * refused naming the line, never read as mojibake.
 */
public final class SpreadsheetText {
    public static final Charset GB18030 = Charset.forName("GB18030");

    /** The text and the encoding it was read in. */
    public record Decoded(String text, Charset charset) {
    }

    private SpreadsheetText() {
    }

    /**
     * @param stated the encoding the sender named (UTF-8, GBK, GB2312 or GB18030), or null to detect it
     */
    public static Decoded decode(byte[] bytes, Charset stated) {
        if (stated != null && !stated.equals(StandardCharsets.UTF_8) && !stated.equals(StandardCharsets.US_ASCII)) {
            return new Decoded(strict(bytes, GB18030, true), GB18030);
        }
        if (stated != null) {
            return new Decoded(Utf8.decode(bytes, bad -> notText(bad.line(), true)), StandardCharsets.UTF_8);
        }
        try {
            return new Decoded(Utf8.decode(bytes, bad -> new NotUtf8(bad.line())), StandardCharsets.UTF_8);
        } catch (NotUtf8 e) {
            try {
                return new Decoded(strict(bytes, GB18030, false), GB18030);
            } catch (UnreadableInputException neither) {
                // neither: name where UTF-8 broke, the likelier intent of a file whose first lines read as UTF-8
                throw notText(e.line, false);
            }
        }
    }

    /** The encodings a sender may name: GBK and GB2312 are read as GB18030, which contains both. */
    public static Charset named(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "utf-8", "utf8", "us-ascii" -> StandardCharsets.UTF_8;
            case "gbk", "gb2312", "gb18030", "cp936", "x-gbk", "windows-936" -> GB18030;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String strict(byte[] bytes, Charset charset, boolean stated) {
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notText(firstBadLine(bytes, charset), stated);
        }
    }

    /** The line of the first byte the charset cannot read, found by decoding line by line. */
    private static Integer firstBadLine(byte[] bytes, Charset charset) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
                try {
                    decoder.decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return null;
    }

    private static UnreadableInputException notText(Integer line, boolean stated) {
        String where = line == null ? "" : " (first bad byte on line " + line + ")";
        String whereZh = line == null ? "" : "（第" + line + "行起）";
        return new UnreadableInputException(UnreadableInputException.Kind.NOT_UTF8, line, null, null,
                (stated ? "the file is not text in the encoding it was said to be in%s" : "the file is neither UTF-8 nor GBK/GB18030 text%s")
                        .formatted(where) + "; in Excel save it as 'CSV UTF-8 (Comma delimited)', 'CSV (Comma delimited)' or as an .xlsx workbook",
                (stated ? "文件内容与所选编码不符%s" : "文件既不是 UTF-8 也不是 GBK/GB18030 编码的文本%s").formatted(whereZh)
                        + "；请在 Excel 中另存为“CSV UTF-8（逗号分隔）”、“CSV（逗号分隔）”或 .xlsx 工作簿");
    }

    /** Signals "not UTF-8: try GB18030" without building a message. */
    private static final class NotUtf8 extends RuntimeException {
        final int line;

        NotUtf8(int line) {
            super(null, null, false, false);
            this.line = line;
        }
    }
}
