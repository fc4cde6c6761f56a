package io.inventory.events.conformance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything this JVM logs through Log4j 2 (and so through SLF4J: Kafka's broker and clients, the
 * client library, the stack) from {@link #start} until {@link #close}, at {@code level} and above,
 * each event's message followed by its exception's stack trace with every cause's message. While
 * capturing, every logger logs at {@code level} at least, so a test sees more than the quiet
 * default; {@link #close} restores the levels. For tests that must prove what is never logged, for
 * example a password.
 */
public final class CapturedLogs implements AutoCloseable {
  private final LoggerContext context;
  private final Appender appender;
  private final Map<LoggerConfig, Level> previousLevels;
  private final StringBuilder text;

  private CapturedLogs(
      LoggerContext context,
      Appender appender,
      Map<LoggerConfig, Level> previousLevels,
      StringBuilder text) {
    this.context = context;
    this.appender = appender;
    this.previousLevels = previousLevels;
    this.text = text;
  }

  /** Starts capturing every event at {@code level} or more severe, from every logger. */
  public static CapturedLogs start(Level level) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    StringBuilder text = new StringBuilder();
    Appender appender =
        new AbstractAppender(
            "captured-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            String line = render(event);
            synchronized (text) {
              text.append(line);
            }
          }
        };
    appender.start();
    config.addAppender(appender);
    Map<LoggerConfig, Level> previous = new HashMap<>();
    List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
    loggers.add(config.getRootLogger());
    Level rootLevel = config.getRootLogger().getLevel();
    for (LoggerConfig logger : loggers) {
      if (previous.containsKey(logger)) continue;
      previous.put(logger, logger.getLevel());
      // the configured appenders (the console) stay as quiet as they were
      Level quiet = logger.getLevel() != null ? logger.getLevel() : rootLevel;
      reattach(logger, quiet);
      if (logger.getLevel() == null || logger.getLevel().isMoreSpecificThan(level)) {
        logger.setLevel(level);
      }
      // additive loggers reach the root's appenders anyway; the others need their own reference
      if (logger == config.getRootLogger() || !logger.isAdditive()) {
        logger.addAppender(appender, level, null);
      }
    }
    context.updateLoggers();
    return new CapturedLogs(context, appender, previous, text);
  }

  /** Attaches the logger's appenders again, passing only events at {@code level} and above. */
  private static void reattach(LoggerConfig logger, Level level) {
    for (Appender existing : new ArrayList<>(logger.getAppenders().values())) {
      logger.removeAppender(existing.getName());
      logger.addAppender(existing, level, null);
    }
  }

  private static String render(LogEvent event) {
    StringBuilder line =
        new StringBuilder()
            .append(event.getLevel())
            .append(' ')
            .append(event.getLoggerName())
            .append(" - ")
            .append(event.getMessage().getFormattedMessage())
            .append('\n');
    if (event.getThrown() != null) {
      StringWriter trace = new StringWriter();
      event.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString();
  }

  /** Everything captured so far. */
  public String text() {
    synchronized (text) {
      return text.toString();
    }
  }

  /** How many lines were captured so far, for a test's report. */
  public long lines() {
    return text().lines().count();
  }

  /** Stops capturing and restores every logger's level; idempotent. */
  @Override
  public void close() {
    if (!appender.isStarted()) return;
    previousLevels.forEach(
        (logger, level) -> {
          logger.removeAppender(appender.getName());
          logger.setLevel(level);
          reattach(logger, null);
        });
    context.updateLoggers();
    appender.stop();
  }
}
