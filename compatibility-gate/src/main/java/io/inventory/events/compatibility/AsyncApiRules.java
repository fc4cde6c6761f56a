package io.inventory.events.compatibility;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Handlers for rules about the AsyncAPI document: against the working schemas, and against each
 * release's copy.
 */
final class AsyncApiRules {
  private AsyncApiRules() {}

  /** {@link Rule#MESSAGE_HAS_SCHEMA}. */
  static void messageHasSchema(List<Finding> out, AsyncApiDocument document, SchemaSet working) {
    Set<Path> eventFiles = new HashSet<>();
    working.events().keySet().forEach(name -> eventFiles.add(working.eventPath(name)));
    document
        .messages()
        .forEach(
            (name, message) -> {
              Path payload = document.payloadFile(message);
              if (payload == null || !eventFiles.contains(payload)) {
                out.add(
                    Finding.of(
                        Rule.MESSAGE_HAS_SCHEMA,
                        Finding.Direction.NONE,
                        name,
                        document.displayName(),
                        "components.messages." + name + ".payload",
                        "message \""
                            + name
                            + "\" has "
                            + (payload == null
                                ? "no payload $ref to an Avro schema"
                                : "a payload that points to \""
                                    + payload.getFileName()
                                    + "\", which is not an event schema in schemas/events")
                            + "; code generated from the document would not match the registered"
                            + " schemas.",
                        "Point its payload.schema.$ref at ./schemas/events/<EventType>.avsc."));
              }
            });
  }

  /** {@link Rule#SCHEMA_HAS_MESSAGE}. */
  static void schemaHasMessage(List<Finding> out, AsyncApiDocument document, SchemaSet working) {
    Set<Path> referenced = new HashSet<>();
    document.messages().values().forEach(message -> referenced.add(document.payloadFile(message)));
    working
        .events()
        .forEach(
            (name, schema) -> {
              if (!referenced.contains(working.eventPath(name))) {
                out.add(
                    Finding.of(
                        Rule.SCHEMA_HAS_MESSAGE,
                        Finding.Direction.NONE,
                        name,
                        working.eventFile(name),
                        "",
                        "event type \""
                            + schema.getName()
                            + "\" has no message in "
                            + document.displayName()
                            + "; teams reading the document do not know the channel carries it.",
                        "Add a message whose payload.schema.$ref is ./"
                            + working.eventFile(name)
                            + "."));
              }
            });
  }

  /** {@link Rule#CHANNEL_SAME_ADDRESS}. */
  static void channelSameAddress(
      List<Finding> out, AsyncApiDocument released, AsyncApiDocument working, String version) {
    Map<String, JsonNode> current = working.channels();
    released
        .channels()
        .forEach(
            (id, channel) -> {
              String before = released.address(channel);
              JsonNode now = current.get(id);
              String after = now == null ? null : working.address(now);
              if (now == null || !java.util.Objects.equals(before, after)) {
                out.add(
                    Finding.of(
                        Rule.CHANNEL_SAME_ADDRESS,
                        Finding.Direction.NONE,
                        id,
                        working.displayName(),
                        "channels." + id + ".address",
                        now == null
                            ? "channel \""
                                + id
                                + "\" (\""
                                + before
                                + "\") was removed since "
                                + version
                                + "; producers and consumers built on it lose their topic."
                            : "the address of channel \""
                                + id
                                + "\" changed from \""
                                + before
                                + "\" to \""
                                + after
                                + "\"; producers and consumers built on "
                                + version
                                + " use another topic than new ones.",
                        "Keep \""
                            + before
                            + "\"; a new address is a new channel next to the old one."));
              }
            });
  }

  /** {@link Rule#CHANNEL_PARAMETER_NO_DELETE}. */
  static void channelParameterNoDelete(
      List<Finding> out, AsyncApiDocument released, AsyncApiDocument working, String version) {
    Map<String, JsonNode> current = working.channels();
    released
        .channels()
        .forEach(
            (id, channel) -> {
              JsonNode now = current.get(id);
              if (now == null) {
                return; // CHANNEL_SAME_ADDRESS reports the whole channel
              }
              Map<String, Set<String>> after = working.parameters(now);
              released
                  .parameters(channel)
                  .forEach(
                      (name, values) -> {
                        if (!after.containsKey(name)) {
                          out.add(
                              Finding.of(
                                  Rule.CHANNEL_PARAMETER_NO_DELETE,
                                  Finding.Direction.NONE,
                                  id,
                                  working.displayName(),
                                  "channels." + id + ".parameters." + name,
                                  "parameter \""
                                      + name
                                      + "\" of channel \""
                                      + id
                                      + "\" was removed since "
                                      + version
                                      + "; addresses built on it no longer resolve.",
                                  "Restore the parameter \"" + name + "\"."));
                          return;
                        }
                        for (String value : values) {
                          if (!after.get(name).isEmpty() && !after.get(name).contains(value)) {
                            out.add(
                                Finding.of(
                                    Rule.CHANNEL_PARAMETER_NO_DELETE,
                                    Finding.Direction.NONE,
                                    id,
                                    working.displayName(),
                                    "channels." + id + ".parameters." + name,
                                    "value \""
                                        + value
                                        + "\" was removed from parameter \""
                                        + name
                                        + "\" of channel \""
                                        + id
                                        + "\" since "
                                        + version
                                        + "; applications deployed with "
                                        + name
                                        + "="
                                        + value
                                        + " no longer have a channel.",
                                    "Restore \"" + value + "\" in the parameter's enum."));
                          }
                        }
                      });
            });
  }

  /** {@link Rule#MESSAGE_SAME_KEY}. */
  static void messageSameKey(
      List<Finding> out, AsyncApiDocument released, AsyncApiDocument working, String version) {
    Map<String, JsonNode> current = working.messages();
    released
        .messages()
        .forEach(
            (name, message) -> {
              JsonNode now = current.get(name);
              if (now == null) {
                return; // SCHEMA_HAS_MESSAGE or EVENT_TYPE_NO_DELETE reports it
              }
              JsonNode before = released.kafkaKey(message);
              JsonNode after = working.kafkaKey(now);
              if (!before.equals(after)) {
                out.add(
                    Finding.of(
                        Rule.MESSAGE_SAME_KEY,
                        Finding.Direction.NONE,
                        name,
                        working.displayName(),
                        "components.messages." + name + ".bindings.kafka.key",
                        "the Kafka key of message \""
                            + name
                            + "\" changed from "
                            + text(before)
                            + " to "
                            + text(after)
                            + " since "
                            + version
                            + "; events of one product no longer land in one partition, in order.",
                        "Keep the key " + text(before) + "."));
              }
            });
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() ? "none" : node.toString();
  }
}
