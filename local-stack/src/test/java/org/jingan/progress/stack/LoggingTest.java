package org.jingan.progress.stack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jingan.progress.intake.service.IntakeAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's log file shows structured lines whole: the intake's audit trail says who, what and why. */
class LoggingTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteTheAuditTrailsKeysToTheLogFile() throws Exception {
        Path file = dir.resolve("local-stack.log");
        var context = new LoggerContext(); // its own, apart from the tests' logging
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.putProperty("local.stack.log.file", file.toString());
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getClassLoader().getResource(Logging.CONFIG_RESOURCE));

        context.getLogger(IntakeAudit.LOGGER).atInfo()
                .addKeyValue("outcome", "accepted").addKeyValue("department", "construction")
                .addKeyValue("eventId", "e-1").addKeyValue("reason", "stored at partition 3 offset 7")
                .log("report accepted");
        context.stop();

        assertThat(Files.readString(file)).contains("report accepted outcome=\"accepted\" department=\"construction\""
                + " eventId=\"e-1\" reason=\"stored at partition 3 offset 7\"");
    }
}
