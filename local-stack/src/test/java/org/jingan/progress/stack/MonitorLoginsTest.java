package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.jingan.progress.monitor.auth.Operator;
import org.jingan.progress.monitor.auth.OperatorsFile;
import org.jingan.progress.monitor.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorLoginsTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldMakeAnOperatorAndAViewerOnceOwnerOnlyWithOnlyHashesForTheMonitor() throws Exception {
        Path credentials = dataDir.resolve("credentials");

        MonitorLogins made = MonitorLogins.loadOrCreate(credentials);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made.loginsFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made.operatorsFile()))).isEqualTo("rw-------");
        assertThat(made.operator().password()).hasSizeGreaterThanOrEqualTo(24).isNotEqualTo(made.viewer().password());
        assertThat(made.operator().toString()).doesNotContain(made.operator().password());
        assertThat(Files.readString(made.operatorsFile())).doesNotContain(made.operator().password())
                .doesNotContain(made.viewer().password());
        OperatorsFile operators = OperatorsFile.load(made.operatorsFile());
        assertThat(operators.authenticate("operator", made.operator().password().toCharArray()))
                .contains(new Operator("operator", Role.OPERATOR));
        assertThat(operators.authenticate("viewer", made.viewer().password().toCharArray()))
                .contains(new Operator("viewer", Role.VIEWER));

        Files.delete(made.operatorsFile());
        MonitorLogins again = MonitorLogins.loadOrCreate(credentials);

        assertThat(again.operator()).isEqualTo(made.operator());
        assertThat(again.viewer()).isEqualTo(made.viewer());
        assertThat(OperatorsFile.load(again.operatorsFile()).authenticate("operator",
                made.operator().password().toCharArray())).as("the operators file made again from the logins").isPresent();
    }
}
