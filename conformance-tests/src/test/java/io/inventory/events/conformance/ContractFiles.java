package io.inventory.events.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The contract's source files as the tests see them: the repository root, the AsyncAPI document and
 * the schemas, parsed the way the code generator parses them (shared types first).
 */
public final class ContractFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ContractFiles() {}

  /** The repository root, passed in by the build as {@code inventory.repository.root}. */
  public static Path root() {
    String configured = System.getProperty("inventory.repository.root");
    Path root = configured != null ? Path.of(configured) : Path.of("..");
    return root.toAbsolutePath().normalize();
  }

  public static Path asyncApiFile() {
    return root().resolve("asyncapi.yaml");
  }

  public static JsonNode asyncApi() {
    return readYaml(asyncApiFile());
  }

  public static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Path> commonSchemaFiles() {
    return avscFiles(root().resolve("schemas/common"));
  }

  public static List<Path> eventSchemaFiles() {
    return avscFiles(root().resolve("schemas/events"));
  }

  /** Every schema in {@code schemas/common} and {@code schemas/events}, keyed by file. */
  public static Map<Path, Schema> parseAll() {
    Map<Path, Schema> parsed = new LinkedHashMap<>();
    List<Schema> known = new ArrayList<>();
    for (Path file : concat(commonSchemaFiles(), eventSchemaFiles())) {
      Schema schema = parse(file, known);
      known.add(schema);
      parsed.put(file, schema);
    }
    return parsed;
  }

  /** The event (top-level) schemas, keyed by file. */
  public static Map<Path, Schema> eventSchemas() {
    Map<Path, Schema> events = new LinkedHashMap<>(parseAll());
    events.keySet().retainAll(eventSchemaFiles());
    return events;
  }

  /**
   * Each message of the AsyncAPI document (by its id under {@code components.messages}) with the
   * event schema its payload {@code $ref} names; {@code null} where the file does not exist.
   */
  public static Map<String, Schema> messageSchemas() {
    Map<Path, Schema> events = eventSchemas();
    Map<String, Schema> messages = new LinkedHashMap<>();
    asyncApi()
        .path("components")
        .path("messages")
        .fields()
        .forEachRemaining(
            message -> {
              String ref = message.getValue().path("payload").path("schema").path("$ref").asText();
              messages.put(message.getKey(), events.get(root().resolve(ref).normalize()));
            });
    return messages;
  }

  private static Schema parse(Path file, List<Schema> known) {
    try {
      return new Schema.Parser().addTypes(known).parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> concat(List<Path> first, List<Path> second) {
    List<Path> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static List<Path> avscFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
