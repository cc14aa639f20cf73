package org.jingan.progress.intake.validation;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** Strict UTF-8: a body in another encoding (GBK, UTF-16, Latin-1) is refused, never read as mojibake. */
final class Utf8 {
    /**
     * Where the first byte that is not UTF-8 sits.
     *
     * @param line   1-based line of the body (counting '\n')
     * @param offset 0-based byte offset in the body
     * @param value  the byte, 0-255
     */
    record BadByte(int line, int offset, int value) {
        String describe() {
            return "line %d, byte %d: 0x%02X".formatted(line, offset + 1, value);
        }

        String describeZh() {
            return "第%d行，第%d字节：0x%02X".formatted(line, offset + 1, value);
        }
    }

    private Utf8() {
    }

    /** The text of {@code bytes}, a leading BOM dropped; {@code refusal} makes the exception for a byte that is not UTF-8. */
    static String decode(byte[] bytes, Function<BadByte, RuntimeException> refusal) {
        int start = hasBom(bytes) ? 3 : 0;
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw refusal.apply(badByteAt(bytes, in.position()));
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw refusal.apply(badByteAt(bytes, Math.max(start, bytes.length - 1)));
        }
        return out.flip().toString();
    }

    private static boolean hasBom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }

    private static BadByte badByteAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return new BadByte(line, offset, offset < bytes.length ? bytes[offset] & 0xFF : 0);
    }
}
