package io.inventory.events.conformance.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** Loading a schema directory laid out like {@code schemas/}, and naming its subjects. */
final class SchemaSets {
  private SchemaSets() {}

  /**
   * The event types of a directory laid out like {@code schemas/} (common/ first), parsed with one
   * parser, by full name.
   */
  static Map<String, Schema> events(Path directory) {
    Schema.Parser parser = new Schema.Parser();
    Map<String, Schema> events = new LinkedHashMap<>();
    for (String part : List.of("common", "events")) {
      Path folder = directory.resolve(part);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
          Schema schema = parser.parse(file.toFile());
          if (part.equals("events")) {
            events.put(schema.getFullName(), schema);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return events;
  }

  /** Subject of an event type under TopicRecordNameStrategy. */
  static String subject(String env, String fullName) {
    return "inventory." + env + ".events-" + fullName;
  }
}
