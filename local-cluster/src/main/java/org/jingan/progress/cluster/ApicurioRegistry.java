package org.jingan.progress.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jingan.progress.kit.secrets.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Confluent-API schema registry: Apicurio Registry 3.0.9 run as a child process on 127.0.0.1.
 *
 * <p>The distribution is taken from the local Maven repository (fetched with {@code mvn dependency:get} when it is
 * missing) and unpacked once into a cache directory. With a storage directory the registry keeps its schemas in an
 * H2 file there, so schema ids written into Kafka records stay valid across restarts; without one it keeps them in
 * memory. The child is watched by a small shell loop that ends it when this JVM is gone, even after a kill -9,
 * so no registry is ever left orphaned.
 *
 * <p>It answers only the {@link RegistryAccounts} it is started with (HTTP basic auth, Quarkus's embedded realm, which
 * the 3.0.9 build enables at run time; Apicurio's own authentication would need an OIDC server): the deployer
 * registers and sets compatibility, the apps read, nobody deletes.
 */
public final class ApicurioRegistry implements AutoCloseable {
    public static final String VERSION = "3.0.9";
    public static final String ARTIFACT = "io.apicurio:apicurio-registry-app:" + VERSION + ":tar.gz:all";
    private static final Logger log = LoggerFactory.getLogger(ApicurioRegistry.class);

    /**
     * Settings that keep the registry from being emptied, whoever asks: artifact, version and group deletion off
     * (3.0.9's defaults, stated so a stray setting cannot switch them on) and no run-time change of any setting
     * through the admin API. The Confluent API's {@code DELETE /subjects/...} ignores the deletion switches in 3.0.9
     * (measured: soft and permanent deletes both answered 200), so {@link RegistryAccounts} also refuses the DELETE
     * method itself, to every account.
     */
    static final List<String> CANNOT_BE_EMPTIED = List.of(
            "-Dapicurio.rest.deletion.artifact.enabled=false",
            "-Dapicurio.rest.deletion.artifact-version.enabled=false",
            "-Dapicurio.rest.deletion.group.enabled=false",
            "-Dapicurio.config.dynamic.allow-all=false");

    private final int port;
    private final int managementPort;
    private final Path workDir;
    private final Path storageDir;
    private final RegistryAccounts accounts;
    private Process process;

    private ApicurioRegistry(int port, int managementPort, Path workDir, Path storageDir, RegistryAccounts accounts) {
        this.port = port == 0 ? FreePorts.pick() : port;
        this.managementPort = managementPort == 0 ? FreePorts.pick() : managementPort;
        this.workDir = workDir;
        this.storageDir = storageDir;
        this.accounts = java.util.Objects.requireNonNull(accounts, "accounts");
    }

    /** A registry on the given port (0 picks one) keeping schemas in memory, used by {@code accounts} only. */
    public static ApicurioRegistry inMemory(int port, Path workDir, RegistryAccounts accounts) {
        return new ApicurioRegistry(port, 0, workDir, null, accounts);
    }

    /**
     * A registry on the given port (0 picks one) keeping schemas in {@code storageDir}, surviving restarts, used by
     * {@code accounts} only.
     */
    public static ApicurioRegistry persistent(int port, Path workDir, Path storageDir, RegistryAccounts accounts) {
        return new ApicurioRegistry(port, 0, workDir, storageDir, accounts);
    }

    /** The Confluent-compatible API base URL, the value of {@code schema.registry.url}. */
    public String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    /** The deployer's {@code user:password}: the value of {@code basic.auth.user.info} for registering schemas. */
    public String deployerUserInfo() {
        return accounts.deployer().registryUserInfo();
    }

    public Path logFile() {
        return workDir.resolve("apicurio-registry.log");
    }

    public synchronized ApicurioRegistry start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        FreePorts.requireFree(port, "schema registry", "--registry-port");
        FreePorts.requireFree(managementPort, "schema registry management", "--registry-port");
        Path runner = runnerJar();
        List<String> java = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.log.level=WARN", "-Dquarkus.banner.enabled=false"));
        java.addAll(CANNOT_BE_EMPTIED);
        if (storageDir != null) {
            java.add("-Dapicurio.storage.kind=sql");
            java.add("-Dapicurio.storage.sql.kind=h2");
            java.add("-Dapicurio.datasource.url=jdbc:h2:file:" + storageDir.toAbsolutePath().resolve("registry")
                    + ";DB_CLOSE_ON_EXIT=FALSE");
        }
        java.add("-jar");
        java.add(runner.toString());
        try {
            Files.createDirectories(workDir);
            if (storageDir != null) {
                Files.createDirectories(storageDir);
            }
            // Quarkus reads ./config/application.properties: settings kept off the command line, where every user of
            // the host could read them in the process list (digests, not passwords, but owner-only all the same)
            java.util.Properties settings = new java.util.Properties();
            settings.putAll(accounts.quarkusSettings());
            OwnerOnlyFiles.directory(workDir.resolve("config"));
            OwnerOnlyFiles.write(workDir.resolve("config/application.properties"), settings,
                    "Schema registry accounts and HTTP permissions, written at each start (RegistryAccounts)");
            long startedAt = System.nanoTime();
            process = new ProcessBuilder(OrphanGuard.watched(java))
                    .directory(workDir.toFile()) // Quarkus reads ./config/application.properties: the accounts
                    .redirectErrorStream(true)
                    .redirectOutput(logFile().toFile())
                    .start();
            awaitReady(Duration.ofSeconds(90));
            requireBackwardCompatibility();
            log.info("Schema registry (Apicurio {}) ready at {} in {} ms", VERSION, url(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
            return this;
        } catch (IOException e) {
            throw new RegistryStartException("Cannot start the schema registry: " + e.getMessage()
                    + ". Check that Java is installed (java -version).", e);
        }
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
        log.info("Schema registry at {} stopped", url());
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Makes BACKWARD the global compatibility level, as Confluent's registry has by default (Apicurio's is NONE):
     * every subject then refuses a schema its consumers could not read older records with.
     */
    private void requireBackwardCompatibility() {
        HttpRequest put = HttpRequest.newBuilder(URI.create(url() + "/config"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .header("Authorization", basicAuthorization())
                .timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}"))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new RegistryStartException("The schema registry refused the global BACKWARD compatibility rule: "
                        + response.statusCode() + " " + response.body(), null);
            }
        } catch (IOException e) {
            throw new RegistryStartException("Cannot configure the schema registry at " + url() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryStartException("Interrupted while configuring the schema registry", e);
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects"))
                .header("Authorization", basicAuthorization()).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new RegistryStartException("The schema registry exited during start-up (exit code "
                        + process.exitValue() + "). Its log " + logFile() + " ends with:\n" + tail(logFile(), 15), null);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryStartException("Interrupted while waiting for the schema registry", e);
            }
            sleep(200);
        }
        stop();
        throw new RegistryStartException("The schema registry did not answer at " + url() + " within "
                + timeout.toSeconds() + " s. See its log " + logFile(), null);
    }

    private String basicAuthorization() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                deployerUserInfo().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The unpacked runner jar, unpacking (and if need be fetching) the distribution first. */
    static Path runnerJar() {
        Path home = Optional.ofNullable(System.getenv("APICURIO_HOME")).map(Paths::get)
                .orElseGet(() -> cacheDir().resolve("apicurio-registry-" + VERSION));
        Path jar = home.resolve("apicurio-registry-app-" + VERSION + "-runner.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Path archive = distributionArchive();
        try {
            Path partial = Files.createDirectories(home.resolveSibling(home.getFileName() + ".partial"));
            run(List.of("tar", "-xzf", archive.toString(), "-C", partial.toString()), "unpack " + archive);
            if (Files.exists(home)) {
                run(List.of("rm", "-rf", home.toString()), "remove stale " + home);
            }
            Files.move(partial, home); // atomic: a half-unpacked directory is never taken for a complete one
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the registry into " + home, e);
        }
        return jar;
    }

    private static Path distributionArchive() {
        Path archive = mavenRepository().resolve("io/apicurio/apicurio-registry-app/" + VERSION
                + "/apicurio-registry-app-" + VERSION + "-all.tar.gz");
        if (!Files.exists(archive)) {
            log.info("Fetching the schema registry distribution {} through Maven (about 110 MB, once)", ARTIFACT);
            run(List.of("mvn", "-q", "-B", "dependency:get", "-Dartifact=" + ARTIFACT, "-Dtransitive=false"),
                    "fetch " + ARTIFACT + " with Maven (is `mvn` installed and Maven Central reachable?)");
        }
        if (!Files.exists(archive)) {
            throw new RegistryStartException("The schema registry distribution is not at " + archive
                    + ". Fetch it with: mvn dependency:get -Dartifact=" + ARTIFACT + " -Dtransitive=false", null);
        }
        return archive;
    }

    private static Path mavenRepository() {
        String local = System.getProperty("maven.repo.local");
        return local != null ? Paths.get(local) : Paths.get(System.getProperty("user.home"), ".m2", "repository");
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("progress-pipeline");
    }

    static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(List<String> command, String what) {
        try {
            // Run from the temp directory: inside a Maven project, dependency:get also wants the registry's
            // parent pom, which Maven Central does not have.
            Process p = new ProcessBuilder(command).directory(new java.io.File(System.getProperty("java.io.tmpdir")))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new RegistryStartException("Could not " + what + ":\n" + output, null);
            }
        } catch (IOException e) {
            throw new RegistryStartException("Could not " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryStartException("Interrupted: " + what, e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The registry could not be started; the message says why and what to do. */
    public static final class RegistryStartException extends IllegalStateException {
        public RegistryStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
