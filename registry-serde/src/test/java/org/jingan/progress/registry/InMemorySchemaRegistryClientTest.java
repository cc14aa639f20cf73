package org.jingan.progress.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

    private final String scope = "mem-registry-test-" + UUID.randomUUID();
    private final InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope(scope);

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    @Test
    void shouldGiveTheSameIdForTheSameSchemaAcrossSubjectsAndRepeats() {
        int first = registry.register("a-value", TestSchemas.READING_V1);

        assertThat(registry.register("a-value", TestSchemas.READING_V1)).isEqualTo(first);
        assertThat(registry.register("b-value", TestSchemas.READING_V1)).isEqualTo(first);
        assertThat(registry.register("a-value", TestSchemas.READING_V2)).isNotEqualTo(first);
        assertThat(registry.latest("a-value").version()).isEqualTo(2);
        assertThat(registry.schemaById(first)).isEqualTo(TestSchemas.READING_V1);
    }

    @Test
    void shouldRefuseABackwardIncompatibleChangeWithTheSubjectAndAvrosReason() {
        registry.setCompatibility("r-value", Compatibility.BACKWARD);
        registry.register("r-value", TestSchemas.READING_V1);

        assertThat(registry.isCompatible("r-value", TestSchemas.READING_REQUIRED_UNIT)).isFalse();
        assertThatThrownBy(() -> registry.register("r-value", TestSchemas.READING_REQUIRED_UNIT))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isIncompatibleSchema()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(409);
                })
                .hasMessageContaining("subject 'r-value'")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(registry.latest("r-value").version()).isEqualTo(1);
    }

    @Test
    void shouldAcceptABackwardCompatibleChange() {
        registry.setCompatibility("r-value", Compatibility.BACKWARD);
        registry.register("r-value", TestSchemas.READING_V1);

        assertThat(registry.isCompatible("r-value", TestSchemas.READING_V2)).isTrue();
        registry.register("r-value", TestSchemas.READING_V2);
        assertThat(registry.latest("r-value").schema()).isEqualTo(TestSchemas.READING_V2);
    }

    @Test
    void shouldAcceptAnyChangeUnderNoneLikeApicurioByDefault() {
        registry.register("r-value", TestSchemas.READING_V1);

        registry.register("r-value", TestSchemas.READING_REQUIRED_UNIT);

        assertThat(registry.latest("r-value").version()).isEqualTo(2);
    }

    @Test
    void shouldShareOneRegistryPerScopeAndSeparateScopes() {
        int id = registry.register("s-value", TestSchemas.READING_V1);
        SchemaRegistryClient sameScope = SchemaRegistryClient.forConfig(
                RegistryConfig.from(Map.of(RegistryConfig.SCHEMA_REGISTRY_URL, "mem://" + scope)));
        InMemorySchemaRegistryClient otherScope = InMemorySchemaRegistryClient.forScope(scope + "-other");

        assertThat(sameScope.schemaById(id)).isEqualTo(TestSchemas.READING_V1);
        assertThat(sameScope.url()).isEqualTo("mem://" + scope);
        assertThatThrownBy(() -> otherScope.latest("s-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());
        InMemorySchemaRegistryClient.dropScope(scope + "-other");
    }

    @Test
    void shouldKnowARestoredIdAndGiveNewSchemasOtherIds() {
        String scope = "restore-" + java.util.UUID.randomUUID();
        InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope(scope);
        try {
            assertThatThrownBy(() -> registry.schemaById(3))
                    .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> assertThat(e.schemaId()).isEqualTo(3));

            registry.restore("s-value", 3, TestSchemas.READING_V1);

            assertThat(registry.schemaById(3)).isEqualTo(TestSchemas.READING_V1);
            assertThat(registry.idOf("s-value", TestSchemas.READING_V1)).hasValue(3);
            assertThat(registry.register("s2-value", TestSchemas.READING_V2)).isEqualTo(4);
            assertThatThrownBy(() -> registry.restore("s2-value", 3, TestSchemas.READING_V2))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            InMemorySchemaRegistryClient.dropScope(scope);
        }
    }
}
