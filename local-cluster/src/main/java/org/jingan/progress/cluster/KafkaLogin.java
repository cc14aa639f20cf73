package org.jingan.progress.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

import org.jingan.progress.kit.secrets.OwnerOnlyFiles;
import org.jingan.progress.kit.secrets.RandomSecrets;

/**
 * One Kafka principal's SASL/SCRAM-SHA-512 login: a user name and its password, and the client settings that use it.
 *
 * <p>Kept on disk as a Kafka client properties file (the one {@code --kafka-property}/{@code --command-config} style
 * tools read), readable by its owner only (POSIX 600, in a 700 directory). {@link #toString()} never shows the
 * password.
 */
public final class KafkaLogin {
    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final String username;
    private final String password;

    public KafkaLogin(String username, String password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        // both travel inside a JAAS line and the storage formatter's [name=..,password=..] argument: keep them plain
        if (!NAME.matcher(username).matches() || !NAME.matcher(password).matches()) {
            throw new IllegalArgumentException("Kafka user names and passwords here are made of letters, digits, '.', '_'"
                    + " and '-' (user '" + username + "')");
        }
    }

    /** A new login for {@code username} with a random 32-character password (about 185 bits). */
    public static KafkaLogin generate(String username) {
        return new KafkaLogin(username, RandomSecrets.generate());
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** {@code User:<name>}, as ACLs and {@code super.users} name it. */
    public String principal() {
        return "User:" + username;
    }

    /** The client's JAAS line. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    /** security.protocol, sasl.mechanism and sasl.jaas.config: what any Kafka client needs to log in as this user. */
    public Map<String, String> clientProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", SECURITY_PROTOCOL);
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", jaasConfig());
        return p;
    }

    /** {@code user:password}, the value of {@code basic.auth.user.info}: the same login on the schema registry. */
    public String registryUserInfo() {
        return username + ":" + password;
    }

    /** {@link #clientProperties()} plus {@code bootstrap.servers}. */
    public Map<String, Object> clientConfig(String bootstrapServers) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.putAll(clientProperties());
        return config;
    }

    /**
     * Writes {@link #clientProperties()} to {@code file} (created readable by its owner only; its directory too, if
     * new), replacing what was there.
     */
    public Path writeTo(Path file) {
        Properties p = new Properties();
        p.putAll(clientProperties());
        p.put("basic.auth.user.info", registryUserInfo()); // the schema registry's login (serdes read this key)
        return OwnerOnlyFiles.write(file, p, "Kafka login of " + principal() + " (SASL/" + MECHANISM + "). Secret: keep this"
                + " file mode 600. Use as client properties (e.g. --command-config); basic.auth.user.info is the same"
                + " login on the schema registry.");
    }

    /** Reads a file written by {@link #writeTo(Path)}. */
    public static KafkaLogin readFrom(Path file) {
        Properties p = load(file);
        String jaas = p.getProperty("sasl.jaas.config", "");
        var m = Pattern.compile("username=\"([^\"]*)\"\\s+password=\"([^\"]*)\"").matcher(jaas);
        if (!m.find()) {
            throw new IllegalStateException("The Kafka credentials file " + file + " holds no SCRAM username and password"
                    + " in sasl.jaas.config");
        }
        return new KafkaLogin(m.group(1), m.group(2));
    }

    /** The login kept in {@code file}, or a new one for {@code username} written there when the file does not exist. */
    public static KafkaLogin loadOrCreate(Path file, String username) {
        if (Files.exists(file)) {
            KafkaLogin login = readFrom(file);
            if (!login.username().equals(username)) {
                throw new IllegalStateException("The Kafka credentials file " + file + " is for user '" + login.username()
                        + "', not '" + username + "'");
            }
            if (!holdsRegistryLogin(file)) {
                login.writeTo(file); // a file written before the registry took the same login
            }
            return login;
        }
        KafkaLogin login = generate(username);
        login.writeTo(file);
        return login;
    }

    private static boolean holdsRegistryLogin(Path file) {
        return load(file).containsKey("basic.auth.user.info");
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Kafka credentials file " + file, e);
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaLogin other && other.username.equals(username) && other.password.equals(password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, password);
    }

    @Override
    public String toString() {
        return principal() + " (password hidden)";
    }
}
