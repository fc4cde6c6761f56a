package io.inventory.events.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import kafka.tools.StorageTool;

/**
 * Formats a KRaft node's storage with Kafka's own {@code kafka-storage.sh format}, so that a fresh
 * data directory carries the cluster id and node id the server expects. All nodes of a cluster are
 * formatted with the same cluster id.
 */
final class KafkaStorage {
  private KafkaStorage() {}

  /** Writes {@code server.properties} into {@code dataDir} and formats the directories it names. */
  static void format(Properties config, Path dataDir, String clusterId) {
    format(config, dataDir, clusterId, List.of());
  }

  /**
   * As {@link #format(Properties, Path, String)}, with more {@code kafka-storage.sh format}
   * arguments (for example {@code --add-scram}). The output of a failed run is reported with every
   * {@code password=...} hidden, in case StorageTool echoes a SCRAM argument back.
   */
  static void format(Properties config, Path dataDir, String clusterId, List<String> extra) {
    Path configFile = dataDir.resolve("server.properties");
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode;
    try {
      Files.createDirectories(dataDir);
      try (OutputStream out = Files.newOutputStream(configFile)) {
        config.store(out, "Embedded Kafka node of the inventory stack");
      }
      try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        exitCode = StorageTool.execute(arguments(clusterId, configFile, extra), print);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + configFile, e);
    } catch (RuntimeException e) {
      throw new StackStartException(
          "Formatting Kafka storage in "
              + dataDir
              + " failed: "
              + redacted(e.toString())
              + "\n"
              + redacted(output),
          e);
    }
    if (exitCode != 0) {
      throw new StackStartException(
          "Formatting Kafka storage in "
              + dataDir
              + " exited with "
              + exitCode
              + ":\n"
              + redacted(output));
    }
  }

  private static String redacted(ByteArrayOutputStream output) {
    return redacted(output.toString(StandardCharsets.UTF_8));
  }

  private static String redacted(String text) {
    return text.replaceAll("password=[^,\\]\\s]*", "password=[hidden]");
  }

  private static String[] arguments(String clusterId, Path configFile, List<String> extra) {
    List<String> arguments =
        new ArrayList<>(
            List.of("format", "--cluster-id", clusterId, "--config", configFile.toString()));
    arguments.addAll(extra);
    return arguments.toArray(String[]::new);
  }
}
