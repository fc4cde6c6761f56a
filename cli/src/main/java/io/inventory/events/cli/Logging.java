package io.inventory.events.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The command's logging: off by default, so only results, progress and errors reach the terminal;
 * {@code --verbose} turns this project's loggers to INFO and everything else (Kafka, Avro) to WARN,
 * on standard error.
 */
final class Logging {
  private static final String CONFIG = "io/inventory/events/cli/cli-log4j2.xml";
  private static volatile boolean verbose;

  private Logging() {}

  /** Points Log4j at the command's configuration unless the user chose another one. */
  static void install() {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "classpath:" + CONFIG);
    }
    // the stack stops in a shutdown hook and may log while doing so
    if (System.getProperty("log4j2.shutdownHookEnabled") == null) {
      System.setProperty("log4j2.shutdownHookEnabled", "false");
    }
  }

  static void verbose(boolean on) {
    verbose = on;
    Configurator.setRootLevel(on ? Level.WARN : Level.OFF);
    Configurator.setLevel("io.inventory.events", on ? Level.INFO : Level.OFF);
  }

  static boolean isVerbose() {
    return verbose;
  }
}
