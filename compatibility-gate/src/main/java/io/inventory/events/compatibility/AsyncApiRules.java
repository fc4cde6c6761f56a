package io.inventory.events.compatibility;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

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
                    onDocument(
                        Rule.MESSAGE_HAS_SCHEMA,
                        name,
                        document,
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
    paired(
        released.channels(),
        working.channels(),
        (id, channel, now) -> {
          String before = released.address(channel);
          if (now != null && Objects.equals(before, working.address(now))) {
            return;
          }
          String change =
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
                      + working.address(now)
                      + "\"; producers and consumers built on "
                      + version
                      + " use another topic than new ones.";
          out.add(
              onDocument(
                  Rule.CHANNEL_SAME_ADDRESS,
                  id,
                  working,
                  "channels." + id + ".address",
                  change,
                  "Keep \"" + before + "\"; a new address is a new channel next to the old one."));
        });
  }

  /**
   * {@link Rule#CHANNEL_PARAMETER_NO_DELETE}: a removed channel is left to {@link
   * Rule#CHANNEL_SAME_ADDRESS}.
   */
  static void channelParameterNoDelete(
      List<Finding> out, AsyncApiDocument released, AsyncApiDocument working, String version) {
    paired(
        released.channels(),
        working.channels(),
        (id, channel, now) -> {
          if (now != null) {
            Map<String, Set<String>> after = working.parameters(now);
            released
                .parameters(channel)
                .forEach(
                    (name, values) ->
                        removedValues(out, id, name, values, after, working, version));
          }
        });
  }

  private static void removedValues(
      List<Finding> out,
      String channel,
      String parameter,
      Set<String> before,
      Map<String, Set<String>> after,
      AsyncApiDocument working,
      String version) {
    String where = "parameter \"" + parameter + "\" of channel \"" + channel + "\"";
    BiConsumer<String, String> report =
        (message, hint) ->
            out.add(
                onDocument(
                    Rule.CHANNEL_PARAMETER_NO_DELETE,
                    channel,
                    working,
                    "channels." + channel + ".parameters." + parameter,
                    message,
                    hint));
    Set<String> allowed = after.get(parameter);
    if (allowed == null) {
      report.accept(
          where + " was removed since " + version + "; addresses built on it no longer resolve.",
          "Restore the parameter \"" + parameter + "\".");
      return;
    }
    for (String value : before) {
      if (!allowed.isEmpty() && !allowed.contains(value)) {
        report.accept(
            "value \""
                + value
                + "\" was removed from "
                + where
                + " since "
                + version
                + "; applications deployed with "
                + parameter
                + "="
                + value
                + " no longer have a channel.",
            "Restore \"" + value + "\" in the parameter's enum.");
      }
    }
  }

  /**
   * {@link Rule#MESSAGE_SAME_KEY}: a removed message is left to {@link Rule#SCHEMA_HAS_MESSAGE} and
   * {@link Rule#EVENT_TYPE_NO_DELETE}.
   */
  static void messageSameKey(
      List<Finding> out, AsyncApiDocument released, AsyncApiDocument working, String version) {
    paired(
        released.messages(),
        working.messages(),
        (name, message, now) -> {
          JsonNode before = released.kafkaKey(message);
          JsonNode after = now == null ? before : working.kafkaKey(now);
          if (!before.equals(after)) {
            out.add(
                onDocument(
                    Rule.MESSAGE_SAME_KEY,
                    name,
                    working,
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

  /** A released channel or message with the working one of the same name, or null when gone. */
  @FunctionalInterface
  private interface Pair {
    void accept(String name, JsonNode released, JsonNode working);
  }

  private static void paired(
      Map<String, JsonNode> released, Map<String, JsonNode> working, Pair pair) {
    released.forEach((name, node) -> pair.accept(name, node, working.get(name)));
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() ? "none" : node.toString();
  }

  /** A finding on the working document; none of the document's rules is about decoding data. */
  private static Finding onDocument(
      Rule rule,
      String subject,
      AsyncApiDocument document,
      String path,
      String message,
      String hint) {
    return Finding.of(
        rule, Finding.Direction.NONE, subject, document.displayName(), path, message, hint);
  }
}
