package org.jingan.progress.registry;

import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The serdes' configuration, read from the same map a producer, consumer or Streams app gets.
 * Keys follow Confluent's names so existing configs carry over.
 */
public final class RegistryConfig {

    /** Registry base URL: {@code http://host:port/apis/ccompat/v7} (Apicurio) or {@code mem://scope} (in-JVM). */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Register the writer's schema on first use (default true); if false it must already be registered. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Optional {@code user:password} for HTTP basic auth against the registry. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Generated Avro class a value deserializer reads into (when Kafka instantiates it by class name). */
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    /** Generated Avro class a key deserializer reads into. */
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";

    public static final String MEM_SCHEME = "mem://";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.STRING, null, Importance.HIGH,
                    "Schema registry URL (Confluent REST API), or mem://<scope> for an in-JVM registry.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Whether serializers register the writer schema under the subject on first use.")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.LOW,
                    "user:password for HTTP basic authentication against the registry.")
            .define(SPECIFIC_AVRO_VALUE_TYPE, Type.CLASS, null, Importance.MEDIUM,
                    "Generated Avro class that value deserializers read into.")
            .define(SPECIFIC_AVRO_KEY_TYPE, Type.CLASS, null, Importance.MEDIUM,
                    "Generated Avro class that key deserializers read into.");

    private final String url;
    private final boolean autoRegister;
    private final String basicAuthUserInfo;
    private final Class<?> valueType;
    private final Class<?> keyType;

    private RegistryConfig(Map<String, ?> configs) {
        AbstractConfig parsed = new AbstractConfig(DEFINITION, configs, false);
        this.url = validUrl(parsed.getString(SCHEMA_REGISTRY_URL));
        this.autoRegister = parsed.getBoolean(AUTO_REGISTER_SCHEMAS);
        Password userInfo = parsed.getPassword(BASIC_AUTH_USER_INFO);
        this.basicAuthUserInfo = userInfo == null ? null : validUserInfo(userInfo.value());
        this.valueType = validType(SPECIFIC_AVRO_VALUE_TYPE, parsed.getClass(SPECIFIC_AVRO_VALUE_TYPE));
        this.keyType = validType(SPECIFIC_AVRO_KEY_TYPE, parsed.getClass(SPECIFIC_AVRO_KEY_TYPE));
    }

    /** Parses and validates; throws {@link ConfigException} naming the key to fix. Unknown keys are ignored. */
    public static RegistryConfig from(Map<String, ?> configs) {
        return new RegistryConfig(configs);
    }

    public String url() {
        return url;
    }

    public boolean autoRegisterSchemas() {
        return autoRegister;
    }

    public Optional<String> basicAuthUserInfo() {
        return Optional.ofNullable(basicAuthUserInfo);
    }

    /** The configured specific class for keys or values, if any. */
    public Optional<Class<?>> specificType(boolean isKey) {
        return Optional.ofNullable(isKey ? keyType : valueType);
    }

    public boolean inMemory() {
        return url.startsWith(MEM_SCHEME);
    }

    private static String validUrl(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException("Missing config '" + SCHEMA_REGISTRY_URL + "': set it to the schema registry URL,"
                    + " e.g. http://127.0.0.1:8080/apis/ccompat/v7, or mem://<scope> for an in-JVM registry in tests.");
        }
        String url = value.trim();
        if (url.contains(",")) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, value, "give exactly one registry URL, not a list");
        }
        if (url.startsWith(MEM_SCHEME)) {
            if (url.length() == MEM_SCHEME.length()) {
                throw new ConfigException(SCHEMA_REGISTRY_URL, value, "mem:// needs a scope name, e.g. mem://my-test");
            }
            return url;
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, value, "expected an http://, https:// or mem:// URL");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String validUserInfo(String value) {
        if (value.indexOf(':') <= 0) {
            throw new ConfigException(BASIC_AUTH_USER_INFO, "[hidden]", "expected the form user:password");
        }
        return value;
    }

    private static Class<?> validType(String key, Class<?> type) {
        if (type != null && !SpecificRecord.class.isAssignableFrom(type)) {
            throw new ConfigException(key, type.getName(), "not a generated Avro class (does not implement SpecificRecord)");
        }
        return type;
    }
}
