package org.jingan.progress.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;

import org.jingan.progress.kit.secrets.OwnerOnlyFiles;
import org.jingan.progress.kit.secrets.RandomSecrets;
import org.jingan.progress.monitor.auth.OperatorLine;
import org.jingan.progress.monitor.auth.OperatorsFile;
import org.jingan.progress.monitor.auth.PasswordHash;
import org.jingan.progress.monitor.auth.Role;

/**
 * The local stack's two monitor accounts, an operator and a viewer, made on the first start with random passwords:
 * {@code <data>/credentials/monitor-logins.properties} holds their names and passwords for the person running the
 * stack (and any code of the stack that calls the monitor), {@code monitor-operators} the hashes the monitor checks
 * against. Both mode 600 in the 700 credentials directory; the passwords are never printed, the banner names the file.
 */
public final class MonitorLogins {
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";
    static final String LOGINS_FILE = "monitor-logins.properties";
    static final String OPERATORS_FILE = "monitor-operators";

    /** One account: its name and password. */
    public record Login(String name, String password) {
        /** The value of an {@code Authorization} header signing in as this account with HTTP Basic. */
        public String basicAuthorization() {
            return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return name + " (password hidden)";
        }
    }

    private final Path loginsFile;
    private final Path operatorsFile;
    private final Login operator;
    private final Login viewer;

    private MonitorLogins(Path loginsFile, Path operatorsFile, Login operator, Login viewer) {
        this.loginsFile = loginsFile;
        this.operatorsFile = operatorsFile;
        this.operator = operator;
        this.viewer = viewer;
    }

    /**
     * The accounts kept in {@code credentialsDir}, made there on the first start; the operators file is written
     * again from them when it is missing.
     */
    public static MonitorLogins loadOrCreate(Path credentialsDir) {
        Path logins = credentialsDir.resolve(LOGINS_FILE);
        Path operators = credentialsDir.resolve(OPERATORS_FILE);
        try {
            if (!Files.isDirectory(credentialsDir)) {
                OwnerOnlyFiles.directory(credentialsDir);
            }
            MonitorLogins kept = Files.exists(logins) ? read(logins, operators)
                    : new MonitorLogins(logins, operators, generate(OPERATOR), generate(VIEWER));
            if (!Files.exists(logins)) {
                kept.writeLogins();
            }
            if (!Files.exists(operators)) {
                OperatorsFile.put(operators, line(kept.operator, Role.OPERATOR));
                OperatorsFile.put(operators, line(kept.viewer, Role.VIEWER));
            }
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the monitor's logins in " + credentialsDir, e);
        }
    }

    public Login operator() {
        return operator;
    }

    public Login viewer() {
        return viewer;
    }

    /** Names and passwords, for people: the file the banner names. */
    public Path loginsFile() {
        return loginsFile;
    }

    /** Names, roles and hashes, for the monitor ({@code --operators-file}). */
    public Path operatorsFile() {
        return operatorsFile;
    }

    private static Login generate(String name) {
        return new Login(name, RandomSecrets.generate());
    }

    private static OperatorLine line(Login login, Role role) {
        return new OperatorLine(login.name(), role, PasswordHash.hash(login.password().toCharArray()));
    }

    private static MonitorLogins read(Path logins, Path operators) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(logins, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return new MonitorLogins(logins, operators, login(p, OPERATOR, logins), login(p, VIEWER, logins));
    }

    private static Login login(Properties p, String role, Path file) {
        String name = p.getProperty(role + ".name");
        String password = p.getProperty(role + ".password");
        if (name == null || password == null || name.isBlank() || password.isBlank()) {
            throw new StackException("The monitor's logins file " + file + " has no " + role + ".name and "
                    + role + ".password: delete it (and " + OPERATORS_FILE + " beside it) to make new ones.");
        }
        return new Login(name, password);
    }

    private void writeLogins() {
        Properties p = new Properties();
        p.setProperty(OPERATOR + ".name", operator.name());
        p.setProperty(OPERATOR + ".password", operator.password());
        p.setProperty(VIEWER + ".name", viewer.name());
        p.setProperty(VIEWER + ".password", viewer.password());
        OwnerOnlyFiles.write(loginsFile, p, "The local monitor's accounts: sign in to the console (/login) or send them"
                + " with HTTP Basic. Secret: keep this file mode 600. The monitor checks " + OPERATORS_FILE + " (hashes only).");
    }

}
