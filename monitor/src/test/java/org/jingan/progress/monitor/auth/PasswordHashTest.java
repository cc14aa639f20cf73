package org.jingan.progress.monitor.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void shouldMatchOnlyThePasswordItWasMadeFrom() {
        String hash = PasswordHash.hash("密码 with spaces".toCharArray(), PasswordHash.MIN_ITERATIONS);

        assertThat(PasswordHash.matches("密码 with spaces".toCharArray(), hash)).isTrue();
        assertThat(PasswordHash.matches("密码 with space".toCharArray(), hash)).isFalse();
        assertThat(hash).startsWith("pbkdf2-sha256$1000$").doesNotContain(":").doesNotContain("密码");
    }

    @Test
    void shouldSaltEveryHash() {
        assertThat(PasswordHash.hash("same".toCharArray(), PasswordHash.MIN_ITERATIONS))
                .isNotEqualTo(PasswordHash.hash("same".toCharArray(), PasswordHash.MIN_ITERATIONS));
    }

    @Test
    void shouldUseOwaspsIterationsByDefault() {
        assertThat(PasswordHash.hash("x".toCharArray())).startsWith("pbkdf2-sha256$600000$");
    }

    @Test
    void shouldRefuseMalformedOrCheapHashes() {
        assertThatThrownBy(() -> PasswordHash.requireWellFormed("plain-text-password")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHash.requireWellFormed("pbkdf2-sha256$10$c2FsdHNhbHQ$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).hasMessageContaining("at least 1000 iterations");
        assertThatThrownBy(() -> PasswordHash.hash("x".toCharArray(), 999)).isInstanceOf(IllegalArgumentException.class);
    }
}
