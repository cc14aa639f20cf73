package org.jingan.progress.testkit;

/**
 * An already running cluster, e.g. a staging one: {@code TESTKIT_BOOTSTRAP_SERVERS}, {@code TESTKIT_SCHEMA_REGISTRY_URL}
 * (and {@code TESTKIT_SCHEMA_REGISTRY_USER_INFO} where the registry needs a login).
 */
final class ExternalCluster extends TestCluster {
    private String bootstrapServers;
    private String registryUrl;

    @Override
    public String kind() {
        return "external";
    }

    @Override
    protected void startServices() {
        bootstrapServers = required("TESTKIT_BOOTSTRAP_SERVERS");
        registryUrl = required("TESTKIT_SCHEMA_REGISTRY_URL");
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("testkit.cluster=external needs the environment variable " + name);
        }
        return value;
    }

    @Override
    protected void stop() {
        // not ours to stop
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String schemaRegistryUrl() {
        return registryUrl;
    }

    /** {@code TESTKIT_SCHEMA_REGISTRY_USER_INFO}, a login that may register schemas, if that registry needs one. */
    @Override
    public String schemaRegistryUserInfo() {
        String userInfo = System.getenv("TESTKIT_SCHEMA_REGISTRY_USER_INFO");
        return userInfo == null || userInfo.isBlank() ? null : userInfo;
    }
}
