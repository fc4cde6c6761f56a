package io.inventory.events.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mutations of valid JSON documents: edits of the text (cuts, insertions of hostile tokens, swapped
 * characters), which mostly test the parser, and edits of the tree (a value replaced by a hostile
 * one, a field removed or renamed), which reach the code that reads the parsed document.
 */
final class JsonMutations {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  /** Tokens that have broken readers: huge exponents and lengths, odd types, control chars. */
  static final List<String> HOSTILE_TOKENS =
      List.of(
          "1e999999999",
          "-1e-999999999",
          "1E+2147483647",
          "123456789012345678901234567890123456789",
          "-0",
          "0.0000000000000000000001",
          "NaN",
          "null",
          "true",
          "[]",
          "{}",
          "\"\"",
          "\"\\u0000\"",
          "\"\\ud800\"",
          "\"2025-02-30\"",
          "\"9999999999-12-31T23:59:59Z\"",
          "\"not-a-uuid\"",
          "\"UNKNOWN_SYMBOL\"",
          "[".repeat(2_000),
          "{\"a\":".repeat(300),
          "\"" + "x".repeat(100_000) + "\"");

  private JsonMutations() {}

  /** One to five edits of {@code text}. */
  static String mutateText(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(5);
    for (int i = 0; i < edits && out.length() > 0; i++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(4)) {
        case 0 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(20)));
        case 1 -> out.insert(at, HOSTILE_TOKENS.get(random.nextInt(HOSTILE_TOKENS.size())));
        case 2 -> out.setCharAt(at, (char) random.nextInt(128));
        default -> out.setLength(at); // truncated
      }
    }
    return out.toString();
  }

  /** A copy of {@code document} with one to three values replaced, removed or renamed. */
  static JsonNode mutateTree(JsonNode document, Random random) {
    JsonNode copy = document.deepCopy();
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits; i++) {
      List<JsonNode> containers = new ArrayList<>();
      collectContainers(copy, containers);
      JsonNode container = containers.get(random.nextInt(containers.size()));
      if (container instanceof ObjectNode object && object.size() > 0) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        switch (random.nextInt(4)) {
          case 0 -> object.remove(name);
          case 1 -> object.set(name + "_", object.remove(name));
          default -> object.set(name, hostileValue(random));
        }
      } else if (container instanceof ArrayNode array && array.size() > 0) {
        int index = random.nextInt(array.size());
        if (random.nextBoolean()) {
          array.remove(index);
        } else {
          array.set(index, hostileValue(random));
        }
      }
    }
    return copy;
  }

  static JsonNode hostileValue(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.numberNode(new java.math.BigDecimal("1e999999999"));
      case 2 -> NODES.numberNode(new java.math.BigDecimal("-1E-999999999"));
      case 3 -> NODES.numberNode(random.nextLong());
      case 4 -> NODES.numberNode(random.nextDouble() * 1e300);
      case 5 -> NODES.textNode("");
      case 6 -> NODES.textNode("x".repeat(random.nextInt(10_000)));
      case 7 -> NODES.booleanNode(random.nextBoolean());
      case 8 -> NODES.arrayNode().add(NODES.objectNode());
      case 9 -> NODES.objectNode().put("type", "record").put("name", "X");
      case 10 -> NODES.textNode("$ref");
      default -> NODES.textNode(Long.toString(random.nextLong()));
    };
  }

  private static void collectContainers(JsonNode node, List<JsonNode> into) {
    if (node.isContainerNode()) {
      into.add(node);
      if (node.isObject()) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) collectContainers(fields.next().getValue(), into);
      } else {
        node.forEach(child -> collectContainers(child, into));
      }
    }
  }
}
