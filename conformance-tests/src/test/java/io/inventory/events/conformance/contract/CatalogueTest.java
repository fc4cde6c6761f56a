package io.inventory.events.conformance.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inventory.events.conformance.ContractFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The catalogue: AsyncAPI messages, schema files and generated classes agree")
class CatalogueTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ENVELOPE =
      List.of("eventId", "eventType", "timestamp", "version", "payload", "metadata");

  static Path schemaFileOf(JsonNode message) {
    String ref = message.path("payload").path("schema").path("$ref").asText();
    return ContractFiles.asyncApiFile().resolveSibling(ref).normalize();
  }

  private static Map<String, JsonNode> messages() {
    Map<String, JsonNode> messages = new LinkedHashMap<>();
    ContractFiles.asyncApi()
        .path("components")
        .path("messages")
        .fields()
        .forEachRemaining(m -> messages.put(m.getKey(), m.getValue()));
    return messages;
  }

  @Test
  @DisplayName("every message references an existing .avsc as an Avro 1.9 payload")
  void everyMessageReferencesAnExistingSchema() {
    assertThat(messages()).isNotEmpty();
    messages()
        .forEach(
            (name, message) -> {
              assertThat(message.path("payload").path("schemaFormat").asText())
                  .as(name)
                  .isEqualTo("application/vnd.apache.avro;version=1.9.0");
              assertThat(schemaFileOf(message)).as("schema of message %s", name).exists();
            });
  }

  @Test
  @DisplayName("every event schema is the payload of exactly one message, named like its record")
  void everyEventSchemaHasExactlyOneMessage() {
    Map<Path, List<String>> messagesBySchema = new LinkedHashMap<>();
    messages()
        .forEach(
            (name, message) ->
                messagesBySchema
                    .computeIfAbsent(schemaFileOf(message), f -> new ArrayList<>())
                    .add(name));

    ContractFiles.eventSchemas()
        .forEach(
            (file, schema) -> {
              assertThat(messagesBySchema.get(file))
                  .as("messages with payload %s", file)
                  .hasSize(1);
              JsonNode message = messages().get(messagesBySchema.get(file).get(0));
              assertThat(message.path("name").asText()).isEqualTo(schema.getName());
            });
    assertThat(messagesBySchema.keySet())
        .containsExactlyInAnyOrderElementsOf(ContractFiles.eventSchemaFiles());
  }

  @Test
  @DisplayName("every channel message is a component message and both operations carry all of them")
  void operationsCarryEveryMessage() {
    JsonNode document = ContractFiles.asyncApi();
    JsonNode channel = document.path("channels").path("inventoryEvents");
    assertThat(channel.path("address").asText()).isEqualTo("inventory.{env}.events");
    assertThat(channel.path("parameters").path("env").path("enum").toString())
        .isEqualTo("[\"dev\",\"sit\",\"prod\"]");
    Set<String> channelMessages = new HashSet<>();
    channel.path("messages").fieldNames().forEachRemaining(channelMessages::add);
    assertThat(channelMessages).isEqualTo(messages().keySet());
    for (String operation : List.of("publishInventoryEvent", "consumeInventoryEvents")) {
      JsonNode refs = document.path("operations").path(operation).path("messages");
      assertThat(refs).as(operation).hasSize(channelMessages.size());
    }
  }

  @Test
  @DisplayName("each .avsc equals the schema of its generated class (ignoring avro.java.string)")
  void schemaFilesEqualGeneratedClasses() throws Exception {
    for (Map.Entry<Path, Schema> entry : ContractFiles.parseAll().entrySet()) {
      Schema fromFile = entry.getValue();
      Class<?> generated = Class.forName(fromFile.getFullName());
      Schema fromClass = (Schema) generated.getField("SCHEMA$").get(null);
      assertThat(withoutJavaStringHints(fromClass))
          .as(entry.getKey().toString())
          .isEqualTo(withoutJavaStringHints(fromFile));
    }
  }

  @Test
  @DisplayName("every enum declares a default symbol that is one of its symbols")
  void everyEnumHasADefault() {
    for (Schema schema : allNamedTypes()) {
      if (schema.getType() == Schema.Type.ENUM) {
        assertThat(schema.getEnumDefault())
            .as("default of enum %s", schema.getFullName())
            .isNotNull();
        assertThat(schema.getEnumSymbols()).contains(schema.getEnumDefault());
      }
    }
  }

  @Test
  @DisplayName("every named type and every field has a doc")
  void everythingIsDocumented() {
    for (Schema schema : allNamedTypes()) {
      assertThat(schema.getDoc()).as("doc of %s", schema.getFullName()).isNotBlank();
      if (schema.getType() == Schema.Type.RECORD) {
        for (Schema.Field field : schema.getFields()) {
          assertThat(field.doc())
              .as("doc of %s.%s", schema.getFullName(), field.name())
              .isNotBlank();
        }
      }
    }
  }

  @Test
  @DisplayName("every event carries the seed's envelope, an eventId, and a payload.productId")
  void everyEventCarriesTheEnvelope() {
    ContractFiles.eventSchemas()
        .forEach(
            (file, event) -> {
              assertThat(event.getFields())
                  .extracting(Schema.Field::name)
                  .as(file.toString())
                  .containsExactlyElementsOf(ENVELOPE);
              assertThat(event.getField("payload").schema().getField("productId"))
                  .as(file.toString())
                  .isNotNull();
              assertThat(
                      event.getField("payload").schema().getField("productId").schema().getType())
                  .isEqualTo(Schema.Type.STRING);
              assertThat(event.getField("eventId").schema().getLogicalType())
                  .isEqualTo(LogicalTypes.uuid());
              assertThat(event.getField("timestamp").schema().getLogicalType())
                  .isInstanceOfAny(
                      LogicalTypes.TimestampMicros.class, LogicalTypes.TimestampMillis.class);
              assertThat(event.getField("metadata").schema().getFields())
                  .extracting(Schema.Field::name)
                  .containsExactly("source", "correlationId", "userId");
            });
  }

  @Test
  @DisplayName("each event's eventType defaults to its own constant, which its examples use")
  void eventTypeDefaultsToItsConstant() {
    Map<Path, Schema> events = ContractFiles.eventSchemas();
    messages()
        .forEach(
            (name, message) -> {
              Schema event = events.get(schemaFileOf(message));
              Object constant = event.getField("eventType").defaultVal();
              assertThat(constant)
                  .as("eventType default of %s", event.getName())
                  .isEqualTo(upperSnake(event.getName()));
              for (JsonNode example : message.path("examples")) {
                assertThat(example.path("payload").path("eventType").asText()).isEqualTo(constant);
              }
            });
  }

  @Test
  @DisplayName(
      "every quantity is a decimal with a sign rule, so fractional units lose no precision")
  void quantitiesAreDecimalsWithASignRule() {
    ContractFiles.eventSchemas()
        .forEach(
            (file, event) -> {
              for (Schema.Field field : event.getField("payload").schema().getFields()) {
                if (!field.name().toLowerCase().contains("quantity")
                    && !field.name().equals("variance")) {
                  continue;
                }
                assertThat(field.schema().getLogicalType())
                    .as("%s in %s", field.name(), file)
                    .isInstanceOf(LogicalTypes.Decimal.class);
                String constraint = field.getProp("constraint");
                if (field.name().equals("variance")) {
                  assertThat(constraint).as("variance is signed by nature, in %s", file).isNull();
                } else {
                  assertThat(constraint)
                      .as("constraint of %s in %s", field.name(), file)
                      .isIn("non-negative", "positive", "non-zero");
                }
              }
            });
  }

  private static String upperSnake(String recordName) {
    return recordName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
  }

  private static List<Schema> allNamedTypes() {
    Map<String, Schema> named = new LinkedHashMap<>();
    ContractFiles.parseAll().values().forEach(schema -> collect(schema, named));
    return new ArrayList<>(named.values());
  }

  private static void collect(Schema schema, Map<String, Schema> named) {
    switch (schema.getType()) {
      case RECORD:
        if (named.putIfAbsent(schema.getFullName(), schema) == null) {
          schema.getFields().forEach(f -> collect(f.schema(), named));
        }
        break;
      case ENUM:
      case FIXED:
        named.putIfAbsent(schema.getFullName(), schema);
        break;
      case UNION:
        schema.getTypes().forEach(t -> collect(t, named));
        break;
      case ARRAY:
        collect(schema.getElementType(), named);
        break;
      case MAP:
        collect(schema.getValueType(), named);
        break;
      default:
        break;
    }
  }

  private static JsonNode withoutJavaStringHints(Schema schema) throws Exception {
    return strip(JSON.readTree(schema.toString()));
  }

  /** Removes the hint, then collapses the {"type": "string"} it leaves behind to "string". */
  private static JsonNode strip(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      object.remove("avro.java.string");
      object.properties().forEach(entry -> entry.setValue(strip(entry.getValue())));
      boolean bareType = object.size() == 1 && object.has("type") && object.get("type").isTextual();
      return bareType ? object.get("type") : object;
    }
    if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, strip(array.get(i)));
      }
    }
    return node;
  }
}
