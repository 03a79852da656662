package io.messaging.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The server's logging set up in code, found by logback as a service: one console appender, the root level from
 * {@code LOG_LEVEL}, and the libraries' chatter held back; a file given with {@code -Dlogback.configurationFile}
 * replaces it.
 *
 * <p>Set up in code, logging is ready without logback parsing an XML file on the way to a healthy server.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ServerLogging extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{ISO8601} %-5level [%thread] %logger{24} - %msg%n";
    static final Map<String, Level> LIBRARY_LEVELS = Map.of(
            "org.glassfish", Level.WARN,
            "org.glassfish.jersey.internal.inject.Providers", Level.ERROR,
            "org.sqlite", Level.WARN,
            "org.mongodb", Level.WARN);

    private final Level rootLevel;

    /** The set-up logback creates: the root level from the {@code LOG_LEVEL} environment variable, INFO without it. */
    public ServerLogging() {
        this(System.getenv("LOG_LEVEL"));
    }

    ServerLogging(String rootLevel) {
        this.rootLevel = Level.toLevel(rootLevel, Level.INFO);
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        var console = new ConsoleAppender<ILoggingEvent>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel);
        root.addAppender(console);
        LIBRARY_LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
