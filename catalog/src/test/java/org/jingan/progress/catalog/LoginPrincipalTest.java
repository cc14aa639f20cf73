package org.jingan.progress.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** Who a revision is recorded under: the user of the publisher's SASL login. */
class LoginPrincipalTest {
    private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"catalog\" password=\"secret\";";

    @Test
    void shouldNameTheUserOfAScramOrPlainLogin() {
        assertThat(LoginPrincipal.of(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", SCRAM))).isEqualTo("User:catalog");
        assertThat(LoginPrincipal.of(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", new Password(SCRAM.replace("catalog", "ops-admin"))))).isEqualTo("User:ops-admin");
    }

    @Test
    void shouldBeAnonymousWithoutSecurity() {
        assertThat(LoginPrincipal.of(Map.of())).isEqualTo("User:ANONYMOUS");
        assertThat(LoginPrincipal.of(Map.of("security.protocol", "PLAINTEXT"))).isEqualTo("User:ANONYMOUS");
    }

    @Test
    void shouldRefuseALoginThatNamesNoUser() {
        assertThatThrownBy(() -> LoginPrincipal.of(Map.of("security.protocol", "SSL")))
                .isInstanceOf(PublishException.class).hasMessageContaining("Cannot tell which Kafka principal");
        assertThatThrownBy(() -> LoginPrincipal.of(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "${file:/etc/kafka/secrets.properties:jaas}")))
                .isInstanceOf(PublishException.class);
        assertThatThrownBy(() -> LoginPrincipal.of(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism",
                "OAUTHBEARER", "sasl.jaas.config", SCRAM))).isInstanceOf(PublishException.class);
    }
}
