package org.jingan.progress.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who may use the schema registry, over HTTP basic auth: one deployer, the only account that may register a schema
 * or change a compatibility rule, and the applications, which may only read (they run with
 * {@code auto.register.schemas=false} and find their schema's id with GETs). Nobody may delete.
 *
 * <p>The accounts are the Kafka principals' own logins ({@link KafkaLogin}): one credential per role, kept in one file
 * per role. The registry is given only SHA-512 digests of them.
 */
public final class RegistryAccounts {
    static final String DEPLOYER_ROLE = "schema-deployer";
    static final String READER_ROLE = "schema-reader";
    /** Quarkus's embedded realm hashes {@code user:realm:password} with this realm name. */
    private static final String REALM = "Quarkus";

    private final KafkaLogin deployer;
    private final List<KafkaLogin> readers;

    private RegistryAccounts(KafkaLogin deployer, Collection<KafkaLogin> readers) {
        this.deployer = Objects.requireNonNull(deployer, "deployer");
        this.readers = readers.stream().filter(r -> !r.username().equals(deployer.username())).toList();
    }

    /** {@code deployer} registers and sets compatibility; each of {@code readers} may read. */
    public static RegistryAccounts of(KafkaLogin deployer, Collection<KafkaLogin> readers) {
        return new RegistryAccounts(deployer, readers);
    }

    /** A deployer alone, with a new random password: for a registry only its starter writes to and reads from. */
    public static RegistryAccounts deployerOnly(String name) {
        return new RegistryAccounts(KafkaLogin.generate(name), List.of());
    }

    public KafkaLogin deployer() {
        return deployer;
    }

    public List<KafkaLogin> readers() {
        return readers;
    }

    /**
     * The registry's Quarkus settings: basic auth against the embedded realm holding these accounts, GET, HEAD and
     * OPTIONS for every account, POST and PUT on the Confluent API for the deployer alone, the native API read-only
     * and every other method refused. The rules are by method, not by path: path rules were bypassed with a matrix
     * parameter ({@code /subjects/s/versions;x=1} escaped a rule on {@code /subjects/* /versions}).
     */
    Map<String, String> quarkusSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("quarkus.http.auth.basic", "true");
        s.put("quarkus.security.users.embedded.enabled", "true");
        s.put("quarkus.security.users.embedded.plain-text", "false");
        s.put("quarkus.security.users.embedded.algorithm", "digest-sha-512");
        List<KafkaLogin> all = new ArrayList<>(readers);
        all.add(0, deployer);
        for (KafkaLogin account : all) {
            s.put("quarkus.security.users.embedded.users." + account.username(), digest(account));
            s.put("quarkus.security.users.embedded.roles." + account.username(),
                    account == deployer ? DEPLOYER_ROLE : READER_ROLE);
        }
        permission(s, "read", "/*", "GET,HEAD,OPTIONS", "authenticated");
        permission(s, "deploy", "/*", "POST,PUT", "deployer");
        s.put("quarkus.http.auth.policy.deployer.roles-allowed", DEPLOYER_ROLE);
        // the native v3 API: its PUT of a version's state to DISABLED would hide a schema as surely as a delete
        permission(s, "native-read-only", "/apis/registry/*", "GET,HEAD,OPTIONS", "authenticated");
        return s;
    }

    private static void permission(Map<String, String> s, String name, String paths, String methods, String policy) {
        String prefix = "quarkus.http.auth.permission." + name + ".";
        s.put(prefix + "paths", paths);
        s.put(prefix + "methods", methods);
        s.put(prefix + "policy", policy);
    }

    private static String digest(KafkaLogin account) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-512").digest(
                    (account.username() + ":" + REALM + ":" + account.password()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "RegistryAccounts[deployer=" + deployer.username() + ", readers="
                + readers.stream().map(KafkaLogin::username).toList() + "]";
    }
}
