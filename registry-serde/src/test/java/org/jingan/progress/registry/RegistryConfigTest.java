package org.jingan.progress.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.jingan.progress.avro.ProgressEvent;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void shouldReadAllKeysAndDefaultAutoRegisterToTrue() {
        RegistryConfig config = RegistryConfig.from(Map.of(
                "schema.registry.url", "http://127.0.0.1:8080/apis/ccompat/v7/",
                "basic.auth.user.info", "alice:secret",
                "specific.avro.value.type", ProgressEvent.class.getName(),
                "bootstrap.servers", "ignored:9092"));

        assertThat(config.url()).isEqualTo("http://127.0.0.1:8080/apis/ccompat/v7");
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.basicAuthUserInfo()).contains("alice:secret");
        assertThat(config.specificType(false)).contains(ProgressEvent.class);
        assertThat(config.specificType(true)).isEmpty();
        assertThat(config.inMemory()).isFalse();
    }

    @Test
    void shouldNameTheKeyToSetWhenTheUrlIsMissing() {
        assertThatThrownBy(() -> RegistryConfig.from(Map.of("auto.register.schemas", "false")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing config 'schema.registry.url'")
                .hasMessageContaining("mem://");
    }

    @Test
    void shouldRefuseUrlsItCannotUse() {
        assertThatThrownBy(() -> RegistryConfig.from(Map.of("schema.registry.url", "127.0.0.1:8080")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url")
                .hasMessageContaining("http://, https:// or mem://");
        assertThatThrownBy(() -> RegistryConfig.from(Map.of("schema.registry.url", "http://a:1,http://b:2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exactly one registry URL");
        assertThatThrownBy(() -> RegistryConfig.from(Map.of("schema.registry.url", "mem://")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("scope name");
    }

    @Test
    void shouldRefuseMalformedAuthBooleansAndTypes() {
        assertThatThrownBy(() -> RegistryConfig.from(Map.of("schema.registry.url", "mem://x", "basic.auth.user.info", "alice")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("user:password")
                .message().doesNotContain("alice");
        assertThatThrownBy(() -> RegistryConfig.from(Map.of("schema.registry.url", "mem://x", "auto.register.schemas", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auto.register.schemas");
        assertThatThrownBy(() -> RegistryConfig.from(Map.of("schema.registry.url", "mem://x", "specific.avro.value.type", "java.lang.String")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("specific.avro.value.type")
                .hasMessageContaining("not a generated Avro class");
        assertThatThrownBy(() -> RegistryConfig.from(Map.of("schema.registry.url", "mem://x", "specific.avro.key.type", "no.such.Type")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("specific.avro.key.type");
    }
}
