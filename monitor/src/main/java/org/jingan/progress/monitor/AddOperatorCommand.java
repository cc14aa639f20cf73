package org.jingan.progress.monitor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.jingan.progress.kit.secrets.RandomSecrets;
import org.jingan.progress.monitor.auth.OperatorLine;
import org.jingan.progress.monitor.auth.OperatorsFile;
import org.jingan.progress.monitor.auth.PasswordHash;
import org.jingan.progress.monitor.auth.Role;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code monitor add-operator}: adds a person to the operators file, or gives them a new password or role. Only the
 * salted hash is written; a generated password is printed once, for the person it is for.
 */
@Command(name = "add-operator", mixinStandardHelpOptions = true,
        description = {"Add an operator or viewer to the operators file (or replace their line: new password or role).",
                "The file keeps name:role:hash lines (PBKDF2-HMAC-SHA256, salted); it is created mode 600. A running"
                        + " monitor reads the change without a restart. Remove someone by deleting their line.",
                "添加或更新监控中心的值班人员（操作员或只读用户）。"})
final class AddOperatorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--file", required = true, defaultValue = "${env:MONITOR_OPERATORS_FILE}",
            description = "The operators file (env MONITOR_OPERATORS_FILE)")
    Path file;

    @Option(names = "--name", required = true, description = "Their name, as decisions will record it (e.g. 张三)")
    String name;

    @Option(names = "--role", defaultValue = "operator", description = "viewer or operator. Default: ${DEFAULT-VALUE}")
    String role;

    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin instead of"
            + " generating one")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        char[] password;
        if (passwordStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                err.println("add-operator: no password on stdin");
                return CommandLine.ExitCode.USAGE;
            }
            password = line.strip().toCharArray();
        } else {
            password = generatePassword();
        }
        OperatorLine line;
        try {
            line = new OperatorLine(name, Role.parse(role), PasswordHash.hash(password));
        } catch (IllegalArgumentException e) {
            err.println("add-operator: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        OperatorsFile.put(file, line);
        out.println("operator " + line.name() + " (" + line.role().id() + ") written to " + file);
        if (!passwordStdin) {
            out.println("password: " + new String(password) + "   (give it to " + line.name()
                    + "; only its hash is stored)");
        }
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    /** 24 unambiguous letters and digits: about 139 bits. */
    static char[] generatePassword() {
        return RandomSecrets.generate(24).toCharArray();
    }
}
