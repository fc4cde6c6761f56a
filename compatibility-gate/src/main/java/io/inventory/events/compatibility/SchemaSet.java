package io.inventory.events.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * One version of the contract's schemas: a directory laid out like {@code schemas/} ({@code
 * common/} then {@code events/}), every file parsed with one parser so shared names resolve. The
 * top-level records of {@code events/*.avsc} are the event types (one registry subject each).
 */
final class SchemaSet {
  private final String label;
  private final String displayRoot;
  private Path directory;
  private final Map<String, Schema> events;
  private final Map<String, String> eventFiles;
  private final Map<String, String> typeFiles;
  private final List<Finding> parseFindings;

  private SchemaSet(
      String label,
      String displayRoot,
      Map<String, Schema> events,
      Map<String, String> eventFiles,
      Map<String, String> typeFiles,
      List<Finding> parseFindings) {
    this.label = label;
    this.displayRoot = displayRoot;
    this.events = events;
    this.eventFiles = eventFiles;
    this.typeFiles = typeFiles;
    this.parseFindings = parseFindings;
  }

  /** An empty set, for example "no release yet". */
  static SchemaSet empty(String label) {
    return new SchemaSet(label, "", Map.of(), Map.of(), Map.of(), List.of());
  }

  /**
   * Event types given directly as schemas (a registry's versions), with a display name for files.
   */
  static SchemaSet of(String label, Map<String, Schema> eventsByName, String file) {
    Map<String, String> files = new LinkedHashMap<>();
    eventsByName.keySet().forEach(name -> files.put(name, file));
    return new SchemaSet(label, "", new LinkedHashMap<>(eventsByName), files, Map.of(), List.of());
  }

  /**
   * Loads every {@code .avsc} under {@code directory/common} and {@code directory/events}, common
   * first; a file that names a type defined by a later file is retried after it, so the order of
   * files never matters. Files that do not parse become {@link Rule#SCHEMA_PARSES} findings.
   *
   * @param displayRoot how findings spell {@code directory}, for example {@code schemas}
   */
  static SchemaSet load(String label, Path directory, String displayRoot) {
    List<Path> files;
    files = new ArrayList<>();
    // Only common/ and events/: schemas/releases/ lives inside the working directory and is not
    // part of it.
    for (String part : new String[] {"common", "events"}) {
      if (!Files.isDirectory(directory.resolve(part))) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(directory.resolve(part))) {
        walk.filter(p -> p.toString().endsWith(".avsc") && Files.isRegularFile(p))
            .sorted(Comparator.comparing(p -> directory.relativize(p).toString()))
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read schemas in " + directory, e);
      }
    }
    List<Path> order = new ArrayList<>(files);
    Map<Path, String> failures = new LinkedHashMap<>();
    Map<Path, Integer> moves = new java.util.HashMap<>();
    while (true) {
      Attempt result = parse(order, failures.keySet());
      if (result.failedFile == null) {
        return result.toSet(label, directory, displayRoot, failures);
      }
      // A file may name a type that a later file defines: retry it last with a fresh parser, at
      // most
      // once per file, before reporting it.
      Path failed = result.failedFile;
      if (!result.retryable || moves.merge(failed, 1, Integer::sum) > files.size()) {
        failures.put(failed, result.error);
      } else {
        order.remove(failed);
        order.add(failed);
      }
    }
  }

  private static Attempt parse(List<Path> order, java.util.Set<Path> skip) {
    Schema.Parser parser = new Schema.Parser();
    Map<Path, Schema> topLevel = new LinkedHashMap<>();
    Map<String, Path> definedIn = new LinkedHashMap<>();
    for (Path file : order) {
      if (skip.contains(file)) {
        continue;
      }
      java.util.Set<String> before = new java.util.HashSet<>(parser.getTypes().keySet());
      try {
        Schema schema = parser.parse(file.toFile());
        topLevel.put(file, schema);
        for (String name : parser.getTypes().keySet()) {
          if (!before.contains(name)) {
            definedIn.put(name, file);
          }
        }
      } catch (SchemaParseException e) {
        return new Attempt(topLevel, definedIn, file, e.getMessage(), true);
      } catch (IOException | RuntimeException e) {
        return new Attempt(topLevel, definedIn, file, e.getMessage(), false);
      }
    }
    return new Attempt(topLevel, definedIn, null, null, false);
  }

  private static final class Attempt {
    final Map<Path, Schema> topLevel;
    final Map<String, Path> definedIn;
    final Path failedFile;
    final String error;
    final boolean retryable;

    Attempt(
        Map<Path, Schema> topLevel,
        Map<String, Path> definedIn,
        Path failedFile,
        String error,
        boolean retryable) {
      this.topLevel = topLevel;
      this.definedIn = definedIn;
      this.failedFile = failedFile;
      this.error = error;
      this.retryable = retryable;
    }

    SchemaSet toSet(String label, Path directory, String displayRoot, Map<Path, String> failures) {
      Map<String, Schema> events = new LinkedHashMap<>();
      Map<String, String> eventFiles = new LinkedHashMap<>();
      Map<String, String> typeFiles = new LinkedHashMap<>();
      definedIn.forEach((name, file) -> typeFiles.put(name, display(directory, displayRoot, file)));
      topLevel.forEach(
          (file, schema) -> {
            if (directory.relativize(file).startsWith("events")
                && schema.getType() == Schema.Type.RECORD) {
              events.put(schema.getFullName(), schema);
              eventFiles.put(schema.getFullName(), display(directory, "", file));
            }
          });
      List<Finding> parseFindings = new ArrayList<>();
      failures.forEach(
          (file, error) ->
              parseFindings.add(
                  Finding.of(
                      Rule.SCHEMA_PARSES,
                      Finding.Direction.NONE,
                      file.getFileName().toString().replace(".avsc", ""),
                      display(directory, displayRoot, file),
                      "",
                      "the schema did not parse: "
                          + error
                          + ";"
                          + " no consumer can be generated from it.",
                      "Fix the schema so that Avro parses it.")));
      SchemaSet set =
          new SchemaSet(label, displayRoot, events, eventFiles, typeFiles, parseFindings);
      set.directory = directory;
      return set;
    }
  }

  private static String display(Path directory, String displayRoot, Path file) {
    String relative = directory.relativize(file).toString().replace('\\', '/');
    return displayRoot.isEmpty() ? relative : displayRoot + "/" + relative;
  }

  /** For example {@code 1.0.0} or {@code working}. */
  String label() {
    return label;
  }

  /** Event types by full record name, in file order. */
  Map<String, Schema> events() {
    return events;
  }

  /**
   * The file that defines an event type, as findings spell it, for example {@code
   * schemas/events/StockAdjusted.avsc}.
   */
  String eventFile(String fullName) {
    String relative = eventFiles.get(fullName);
    return relative == null || displayRoot.isEmpty() ? relative : displayRoot + "/" + relative;
  }

  /** The event type's file on disk, or null for sets that did not come from a directory. */
  Path eventPath(String fullName) {
    String relative = eventFiles.get(fullName);
    return directory == null || relative == null
        ? null
        : directory.resolve(relative).toAbsolutePath().normalize();
  }

  /**
   * Where this set's event file would live in {@code other}'s layout: a removed event type is
   * restored there.
   */
  String eventFileIn(SchemaSet other, String fullName) {
    String relative = eventFiles.get(fullName);
    return other.displayRoot.isEmpty() || relative.contains(":")
        ? relative
        : other.displayRoot + "/" + relative;
  }

  /**
   * The file that defines a named type, falling back to {@code fallback} for types defined inline.
   */
  String typeFile(String fullName, String fallback) {
    return typeFiles.getOrDefault(fullName, fallback);
  }

  List<Finding> parseFindings() {
    return parseFindings;
  }
}
