package org.jingan.progress.kit.secrets;

import java.security.SecureRandom;

/** Generated passwords, keys and shared secrets: letters and digits a person cannot misread (no 0/O, 1/l/I). */
public final class RandomSecrets {
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 characters of 57: about 186 bits. */
    public static final int DEFAULT_LENGTH = 32;

    private RandomSecrets() {
    }

    /** A new secret of {@link #DEFAULT_LENGTH} characters. */
    public static String generate() {
        return generate(DEFAULT_LENGTH);
    }

    public static String generate(int length) {
        StringBuilder secret = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            secret.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return secret.toString();
    }
}
