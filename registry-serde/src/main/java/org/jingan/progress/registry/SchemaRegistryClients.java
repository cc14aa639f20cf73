package org.jingan.progress.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One client per registry URL and credentials in the JVM, so every serde instance shares its caches and HTTP connections. */
final class SchemaRegistryClients {

    private static final Map<String, SchemaRegistryClient> HTTP_CLIENTS = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {
    }

    static SchemaRegistryClient forConfig(RegistryConfig config) {
        if (config.inMemory()) {
            return InMemorySchemaRegistryClient.forScope(config.url().substring(RegistryConfig.MEM_SCHEME.length()));
        }
        String userInfo = config.basicAuthUserInfo().orElse(null);
        String key = config.url() + '\n' + (userInfo == null ? "" : userInfo);
        return HTTP_CLIENTS.computeIfAbsent(key, k -> new HttpSchemaRegistryClient(config.url(), userInfo));
    }
}
