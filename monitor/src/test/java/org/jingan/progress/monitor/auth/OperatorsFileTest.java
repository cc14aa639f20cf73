package org.jingan.progress.monitor.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorsFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeepTheFileOwnerOnlyAndCheckNamesAndPasswords() throws Exception {
        Path file = dir.resolve("credentials").resolve("monitor-operators");
        OperatorsFile.put(file, line("张三", Role.OPERATOR, "pw-zhang"));
        OperatorsFile.put(file, line("王五", Role.VIEWER, "pw-wang"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(file)).doesNotContain("pw-zhang").contains("张三:operator:pbkdf2-sha256$");

        OperatorsFile operators = OperatorsFile.load(file);
        assertThat(operators.authenticate("张三", "pw-zhang".toCharArray())).contains(new Operator("张三", Role.OPERATOR));
        assertThat(operators.authenticate("王五", "pw-wang".toCharArray())).contains(new Operator("王五", Role.VIEWER));
        assertThat(operators.authenticate("张三", "pw-wang".toCharArray())).isEmpty();
        assertThat(operators.authenticate("赵六", "pw-zhang".toCharArray())).isEmpty();
    }

    @Test
    void shouldReadTheFileAgainWhenItChanges() throws Exception {
        Path file = dir.resolve("operators");
        OperatorsFile.put(file, line("张三", Role.OPERATOR, "old"));
        OperatorsFile operators = OperatorsFile.load(file);
        assertThat(operators.authenticate("张三", "old".toCharArray())).isPresent();

        OperatorsFile.put(file, line("张三", Role.VIEWER, "new-password")); // replaces the line: password and role
        OperatorsFile.put(file, line("赵六", Role.OPERATOR, "pw-zhao"));

        assertThat(operators.authenticate("张三", "old".toCharArray())).as("the old password, even just verified").isEmpty();
        assertThat(operators.authenticate("张三", "new-password".toCharArray())).contains(new Operator("张三", Role.VIEWER));
        assertThat(operators.authenticate("赵六", "pw-zhao".toCharArray())).isPresent();
        assertThat(operators.lines()).extracting(OperatorLine::name).containsExactly("张三", "赵六");
    }

    @Test
    void shouldKeepTheLastGoodContentWhenAnEditDoesNotParse() throws Exception {
        Path file = dir.resolve("operators");
        OperatorsFile.put(file, line("张三", Role.OPERATOR, "pw"));
        OperatorsFile operators = OperatorsFile.load(file);

        Files.writeString(file, "张三:admin:nonsense\n", StandardCharsets.UTF_8);

        assertThat(operators.authenticate("张三", "pw".toCharArray())).isPresent();
    }

    @Test
    void shouldRefuseABadFileAtStartNamingTheLine() throws Exception {
        Path file = dir.resolve("operators");
        String good = line("张三", Role.OPERATOR, "pw").format();
        Files.write(file, List.of("# comment", good, "李四:operator:plaintext"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OperatorsFile.load(file)).hasMessageContaining("line 3").hasMessageContaining("pbkdf2-sha256");

        Files.write(file, List.of(good, good), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OperatorsFile.load(file)).hasMessageContaining("line 2").hasMessageContaining("named twice");

        assertThatThrownBy(() -> OperatorsFile.load(dir.resolve("missing"))).hasMessageContaining("cannot read");
    }

    @Test
    void shouldRefuseNamesThatBreakTheFormatOrTheLog() {
        String hash = PasswordHash.hash("pw".toCharArray(), PasswordHash.MIN_ITERATIONS);
        assertThatThrownBy(() -> new OperatorLine("a:b", Role.OPERATOR, hash)).hasMessageContaining("without ':'");
        assertThatThrownBy(() -> new OperatorLine("a b", Role.OPERATOR, hash)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OperatorLine("a\u001b", Role.OPERATOR, hash)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OperatorLine("a", Role.NONE, hash)).hasMessageContaining("viewer or operator");
        assertThatThrownBy(() -> OperatorLine.parse("a:root:" + hash)).hasMessageContaining("'viewer' or 'operator'");
    }

    private static OperatorLine line(String name, Role role, String password) {
        return new OperatorLine(name, role, PasswordHash.hash(password.toCharArray(), PasswordHash.MIN_ITERATIONS));
    }
}
