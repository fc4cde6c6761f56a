package io.inventory.events.compatibility;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * One version of the contract's schemas, every name resolved: a directory laid out like {@code
 * schemas/} as {@link SchemaSetReader} reads it, or a registry's versions. Its event types are the
 * top-level records of {@code events/*.avsc} that no other schema uses (one registry subject each);
 * a record under {@code events/} that another schema uses, such as a payload in a file of its own,
 * is a shared type like those in {@code common/}. Immutable.
 */
final class SchemaSet {
  private final String displayRoot;
  private final Path directory;
  private final Map<String, Schema> events;
  private final Map<String, String> eventFiles;
  private final Map<String, String> typeFiles;
  private final Set<String> unreadTypes;
  private final Set<String> unreadFiles;
  private final List<Finding> parseFindings;

  SchemaSet(
      String displayRoot,
      Path directory,
      Map<String, Schema> events,
      Map<String, String> eventFiles,
      Map<String, String> typeFiles,
      Set<String> unreadTypes,
      Set<String> unreadFiles,
      List<Finding> parseFindings) {
    this.displayRoot = displayRoot;
    this.directory = directory;
    this.events = events;
    this.eventFiles = eventFiles;
    this.typeFiles = typeFiles;
    this.unreadTypes = unreadTypes;
    this.unreadFiles = unreadFiles;
    this.parseFindings = parseFindings;
  }

  /**
   * Event types given directly as schemas (a registry's versions), with a display name for files.
   */
  static SchemaSet of(Map<String, Schema> eventsByName, String file) {
    Map<String, String> files = new LinkedHashMap<>();
    eventsByName.keySet().forEach(name -> files.put(name, file));
    return new SchemaSet(
        "",
        null,
        new LinkedHashMap<>(eventsByName),
        files,
        Map.of(),
        Set.of(),
        Set.of(),
        List.of());
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

  /**
   * True when this set could not read what {@code other} has as event type {@code fullName}: a file
   * that defines the name, or sits where {@code other} keeps it, did not parse or uses a name no
   * file defines. Its {@link Rule#SCHEMA_PARSES} finding fails the gate already; the event type is
   * neither compared nor reported as removed or new.
   */
  boolean couldNotRead(String fullName, SchemaSet other) {
    return unreadTypes.contains(fullName) || unreadFiles.contains(other.eventFiles.get(fullName));
  }

  /** {@link Rule#SCHEMA_PARSES} findings: one per file that does not parse or per missing name. */
  List<Finding> parseFindings() {
    return parseFindings;
  }
}
