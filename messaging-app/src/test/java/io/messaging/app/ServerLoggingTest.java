package io.messaging.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ServerLoggingTest {

    @Test
    void theServerIsConfiguredByItsOwnConfiguratorAtTheLevelItWasStartedWith() {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertTrue(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console") != null);
        assertEquals(Level.WARN, context.getLogger("org.glassfish").getLevel());
    }

    @Test
    void theRootLevelComesFromLogLevelAndLibrariesStayQuiet() {
        var context = configured("debug");
        assertEquals(Level.DEBUG, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
        assertEquals(Level.WARN, context.getLogger("org.glassfish").getLevel());
        assertEquals(
                Level.ERROR,
                context.getLogger("org.glassfish.jersey.internal.inject.Providers")
                        .getLevel());
        assertEquals(Level.WARN, context.getLogger("org.sqlite").getLevel());
        assertEquals(Level.WARN, context.getLogger("org.mongodb").getLevel());
        assertEquals(Level.WARN, context.getLogger("org.mongodb.driver.cluster").getEffectiveLevel());
    }

    @Test
    void withoutOrWithAnUnknownLogLevelTheRootLogsAtInfo() {
        assertEquals(
                Level.INFO, configured(null).getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
        assertEquals(
                Level.INFO,
                configured("loud").getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
    }

    @Test
    void aLineOnTheConsoleHasTheTimeLevelThreadLoggerAndMessage() {
        var out = new ByteArrayOutputStream();
        var console = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            var context = configured("INFO");
            context.getLogger("io.messaging.app.Example").info("server started on {}", 3000);
            context.getLogger("org.glassfish.grizzly.Example").info("not shown");
            context.stop();
        } finally {
            System.setOut(console);
        }
        var lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(
                lines.get(0)
                        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} INFO  \\[.+] "
                                + "i\\.messaging\\.app\\.Example - server started on 3000"),
                lines.get(0));
    }

    @Test
    void aConfigurationFileGivenOnTheCommandLineTakesOver() {
        System.setProperty("logback.configurationFile", "elsewhere.xml");
        try {
            var context = newContext();
            assertEquals(
                    ExecutionStatus.INVOKE_NEXT_IF_ANY,
                    configurator(context, "DEBUG").configure(context));
            assertTrue(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console") == null);
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }

    private static LoggerContext configured(String level) {
        var context = newContext();
        assertEquals(
                ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY,
                configurator(context, level).configure(context));
        return context;
    }

    private static ServerLogging configurator(LoggerContext context, String level) {
        var configurator = new ServerLogging(level);
        configurator.setContext(context);
        return configurator;
    }

    private static LoggerContext newContext() {
        var context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        return context;
    }
}
