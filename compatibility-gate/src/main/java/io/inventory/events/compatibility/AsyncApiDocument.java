package io.inventory.events.compatibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an AsyncAPI 3 document the gate compares: channels, their parameters, messages,
 * payload refs, Kafka keys.
 */
final class AsyncApiDocument {
  private final JsonNode root;
  private final Path file;
  private final String displayName;

  private AsyncApiDocument(JsonNode root, Path file, String displayName) {
    this.root = root;
    this.file = file;
    this.displayName = displayName;
  }

  static AsyncApiDocument load(Path file, String displayName) {
    try {
      return new AsyncApiDocument(
          new ObjectMapper(new YAMLFactory()).readTree(file.toFile()), file, displayName);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the AsyncAPI document " + file + ": " + e.getMessage(), e);
    }
  }

  String displayName() {
    return displayName;
  }

  /** Channels by id, {@code $ref}s resolved. */
  Map<String, JsonNode> channels() {
    Map<String, JsonNode> channels = new LinkedHashMap<>();
    fields(root.path("channels")).forEach((id, node) -> channels.put(id, resolve(node)));
    return channels;
  }

  String address(JsonNode channel) {
    return channel.path("address").asText(null);
  }

  /** Parameter name → its allowed values (empty when any value is allowed). */
  Map<String, Set<String>> parameters(JsonNode channel) {
    Map<String, Set<String>> parameters = new LinkedHashMap<>();
    fields(channel.path("parameters"))
        .forEach(
            (name, node) -> {
              Set<String> values = new LinkedHashSet<>();
              resolve(node).path("enum").forEach(value -> values.add(value.asText()));
              parameters.put(name, values);
            });
    return parameters;
  }

  /** Messages by name: those under components.messages and those declared inline on channels. */
  Map<String, JsonNode> messages() {
    Map<String, JsonNode> messages = new LinkedHashMap<>();
    fields(root.path("components").path("messages"))
        .forEach((name, node) -> messages.put(name, resolve(node)));
    channels()
        .values()
        .forEach(
            channel ->
                fields(channel.path("messages"))
                    .forEach((name, node) -> messages.putIfAbsent(name, resolve(node))));
    return messages;
  }

  /**
   * The file a message's payload points to, resolved against this document's folder; null when it
   * points nowhere.
   */
  Path payloadFile(JsonNode message) {
    JsonNode payload = resolve(message.path("payload"));
    JsonNode schema = payload.has("schema") ? payload.path("schema") : payload;
    String ref = schema.path("$ref").asText(null);
    if (ref == null || ref.startsWith("#")) {
      return null;
    }
    String location = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
    Path folder = file.toAbsolutePath().getParent();
    return folder.resolve(location).normalize();
  }

  /**
   * The message's Kafka binding key, resolved, from the message itself or else its traits; a
   * missing node when there is none.
   */
  JsonNode kafkaKey(JsonNode message) {
    JsonNode key = resolve(resolve(message.path("bindings")).path("kafka").path("key"));
    for (JsonNode trait : message.path("traits")) {
      if (!key.isMissingNode()) {
        break;
      }
      key = resolve(resolve(resolve(trait).path("bindings")).path("kafka").path("key"));
    }
    return key;
  }

  private JsonNode resolve(JsonNode node) {
    for (int depth = 0;
        depth < 16 && node.has("$ref") && node.path("$ref").asText().startsWith("#/");
        depth++) {
      node = root.at(node.path("$ref").asText().substring(1));
    }
    return node;
  }

  private static Map<String, JsonNode> fields(JsonNode node) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      fields.put(entry.getKey(), entry.getValue());
    }
    return fields;
  }
}
