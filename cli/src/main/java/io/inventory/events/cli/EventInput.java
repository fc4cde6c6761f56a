package io.inventory.events.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events in the channel's JSON shape read from a file or standard input: one JSON object per line,
 * a JSON array of objects, or any sequence of the two. Each event remembers the line it starts on
 * and the line of each of its values, so an error can point at the line of {@code
 * $.payload.newQuantity}. Decimals are kept exactly.
 */
final class EventInput {
  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  /** One event as read: its 1-based position, its JSON, and the line of every JSON path in it. */
  record LocatedEvent(int number, JsonNode json, Map<String, Integer> lines) {
    /** The line of {@code path}, or of the nearest enclosing value that exists. */
    int lineOf(String path) {
      for (String p = path; !p.isEmpty(); p = parent(p)) {
        Integer line = lines.get(p);
        if (line != null) {
          return line;
        }
      }
      return lines.get("$");
    }

    /** {@code event 2 (eventId 6f1c...)}, or {@code event 2} when it has no textual eventId. */
    String name() {
      JsonNode eventId = json.path("eventId");
      return "event "
          + number
          + (eventId.isTextual() ? " (eventId " + eventId.textValue() + ")" : "");
    }

    private static String parent(String path) {
      int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      return cut <= 0 ? "" : path.substring(0, cut);
    }
  }

  /** The input is not JSON; {@link #line} is where the parser gave up. */
  static final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;

    MalformedJsonException(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  private EventInput() {}

  /** A reader of {@code file}, or of {@code stdin} for {@code -}. */
  static Reader open(String file, InputStream stdin) throws IOException {
    if ("-".equals(file)) {
      return new InputStreamReader(stdin, StandardCharsets.UTF_8);
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(file, null, "no such file");
    }
    return Files.newBufferedReader(path, StandardCharsets.UTF_8);
  }

  /** The name errors give the input: the file as given, or {@code <stdin>}. */
  static String displayName(String file) {
    return "-".equals(file) ? "<stdin>" : file;
  }

  static List<LocatedEvent> read(Reader reader) throws IOException, MalformedJsonException {
    List<LocatedEvent> events = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(reader)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.START_ARRAY) {
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            events.add(event(parser, events.size() + 1));
          }
        } else {
          events.add(event(parser, events.size() + 1));
        }
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new MalformedJsonException(line, "malformed JSON: " + e.getOriginalMessage());
    }
    return events;
  }

  private static LocatedEvent event(JsonParser parser, int number) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    JsonNode json = value(parser, "$", lines);
    return new LocatedEvent(number, json, lines);
  }

  private static JsonNode value(JsonParser parser, String path, Map<String, Integer> lines)
      throws IOException {
    lines.put(path, parser.currentTokenLocation().getLineNr());
    switch (parser.currentToken()) {
      case START_OBJECT:
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.set(name, value(parser, path + "." + name, lines));
        }
        return object;
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser, path + "[" + array.size() + "]", lines));
        }
        return array;
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return NODES.numberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE:
      case VALUE_FALSE:
        return NODES.booleanNode(parser.getBooleanValue());
      default:
        return NODES.nullNode();
    }
  }
}
