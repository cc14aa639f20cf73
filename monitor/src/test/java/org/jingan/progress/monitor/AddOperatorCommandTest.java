package org.jingan.progress.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jingan.progress.monitor.auth.Operator;
import org.jingan.progress.monitor.auth.OperatorsFile;
import org.jingan.progress.monitor.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class AddOperatorCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldAddAnOperatorWithAGeneratedPasswordPrintedOnce() {
        Path file = dir.resolve("operators");
        StringWriter out = new StringWriter();

        int exit = cli(out, new StringWriter()).execute("add-operator", "--file", file.toString(), "--name", "张三");

        assertThat(exit).isZero();
        Matcher password = Pattern.compile("password: (\\S+)").matcher(out.toString());
        assertThat(password.find()).as(out.toString()).isTrue();
        assertThat(OperatorsFile.load(file).authenticate("张三", password.group(1).toCharArray()))
                .contains(new Operator("张三", Role.OPERATOR));
    }

    @Test
    void shouldTakeAPasswordFromStdinAndNeverPrintIt() {
        Path file = dir.resolve("operators");
        StringWriter out = new StringWriter();
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("a chosen password\n".getBytes(StandardCharsets.UTF_8)));
            int exit = cli(out, new StringWriter()).execute("add-operator", "--file", file.toString(), "--name", "王五",
                    "--role", "viewer", "--password-stdin");
            assertThat(exit).isZero();
        } finally {
            System.setIn(stdin);
        }
        assertThat(out.toString()).contains("王五 (viewer)").doesNotContain("a chosen password");
        assertThat(OperatorsFile.load(file).authenticate("王五", "a chosen password".toCharArray()))
                .contains(new Operator("王五", Role.VIEWER));
    }

    @Test
    void shouldRefuseAnUnknownRoleOrABadName() {
        StringWriter err = new StringWriter();
        CommandLine cli = cli(new StringWriter(), err);

        assertThat(cli.execute("add-operator", "--file", dir.resolve("o").toString(), "--name", "x", "--role", "admin"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(cli.execute("add-operator", "--file", dir.resolve("o").toString(), "--name", "a:b"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("role must be 'viewer' or 'operator', was 'admin'").contains("without ':'");
    }

    private static CommandLine cli(StringWriter out, StringWriter err) {
        return new CommandLine(new MonitorApp()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    }
}
