package io.inventory.events.conformance.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inventory.events.cli.json.EventJson;
import io.inventory.events.client.Environment;
import io.inventory.events.client.InvalidEventException;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.conformance.ContractFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The AsyncAPI examples and the seed's example decode as their schemas")
class ExamplesDecodeTest {
  private static ClassSecurityValidator.ClassSecurityPredicate previousTrust;

  /**
   * Avro 1.12.1+ refuses to instantiate classes it was not told to trust. These tests decode into
   * the generated classes directly (not through the client, which trusts them itself), so they
   * trust the package for their own duration and put the global setting back afterwards.
   */
  @BeforeAll
  static void trustGeneratedClasses() {
    previousTrust = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            previousTrust, type -> type.getName().startsWith("io.inventory.events.avro.")));
  }

  @AfterAll
  static void restoreTrust() {
    ClassSecurityValidator.setGlobal(previousTrust);
  }

  static Stream<Arguments> examples() {
    Map<Path, Schema> schemas = ContractFiles.eventSchemas();
    List<Arguments> examples = new ArrayList<>();
    ContractFiles.asyncApi()
        .path("components")
        .path("messages")
        .fields()
        .forEachRemaining(
            message -> {
              Path file = CatalogueTest.schemaFileOf(message.getValue());
              for (JsonNode example : message.getValue().path("examples")) {
                examples.add(
                    Arguments.of(
                        message.getKey() + "/" + example.path("name").asText(),
                        example,
                        schemas.get(file)));
              }
            });
    return examples.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  @DisplayName(
      "every example round-trips JSON -> generated class -> Avro binary -> generated class -> JSON"
          + " unchanged, as the class its schema file names")
  void everyExampleRoundTrips(String name, JsonNode example, Schema schema) throws IOException {
    assertThat(schema).as("schema of %s", name).isNotNull();
    JsonNode payload = example.path("payload");

    assertSameJson(payload, roundTrip(payload, schema), "$");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  @DisplayName("every example's headers agree with its payload")
  void headersAgreeWithThePayload(String name, JsonNode example, Schema schema) {
    JsonNode headers = example.path("headers");
    if (headers.isMissingNode()) {
      return;
    }
    JsonNode payload = example.path("payload");
    assertThat(headers.path("event-type").asText()).isEqualTo(payload.path("eventType").asText());
    assertThat(headers.path("event-id").asText()).isEqualTo(payload.path("eventId").asText());
    assertThat(headers.path("correlation-id").asText())
        .isEqualTo(payload.path("metadata").path("correlationId").asText());
  }

  @Test
  @DisplayName(
      "the seed's STOCK_LEVEL_CHANGED example decodes once the eventId this contract adds is set")
  void seedExampleDecodes() throws IOException {
    Schema schema = io.inventory.events.avro.StockLevelChanged.getClassSchema();
    ObjectNode seed =
        (ObjectNode)
            EventJson.parse(
                Files.readString(
                    ContractFiles.root()
                        .resolve(
                            "conformance-tests/src/test/resources/contract/seed-stock-level-changed.json")));

    assertThatThrownBy(() -> EventJson.read(seed))
        .hasMessage("required field is missing at $.eventId");

    seed.put("eventId", "6f1c2d8e-3b7a-4c59-9d0e-2a4b6c8d0e1f");
    assertSameJson(seed, roundTrip(seed, schema), "$");
  }

  @Test
  @DisplayName("a JSON event with an unknown unit of measure is refused, naming the field")
  void unknownEnumSymbolNamesTheField() throws IOException {
    JsonNode example = firstExampleOf("stockLevelChanged");
    ((ObjectNode) example.path("payload")).put("unitOfMeasure", "BOTTLE");

    assertThatThrownBy(() -> EventJson.read(example))
        .hasMessage(
            "expected one of [UNKNOWN, EACH, PACK, CASE, PALLET, KG, G, L, ML, M] but was"
                + " \"BOTTLE\" at $.payload.unitOfMeasure");
  }

  @Test
  @DisplayName(
      "a JSON quantity with more decimals than the schema keeps is read exactly, and the publisher"
          + " refuses it, naming the field: never rounded")
  void excessDecimalsAreRefused() throws IOException {
    JsonNode example = firstExampleOf("stockLevelChanged");
    ((ObjectNode) example.path("payload")).put("newQuantity", new java.math.BigDecimal("95.0001"));
    SpecificRecord event = EventJson.read(example);

    try (InventoryEventPublisher publisher =
        InventoryEventPublisher.builder()
            .environment(Environment.DEV)
            .kafkaProducer(
                config ->
                    new MockProducer<String, SpecificRecord>(
                        true, null, new StringSerializer(), (t, e) -> new byte[0]))
            .build()) {
      assertThatThrownBy(() -> publisher.publish(event))
          .isInstanceOf(InvalidEventException.class)
          .extracting(e -> ((InvalidEventException) e).violations())
          .isEqualTo(
              List.of(
                  "has 4 decimal places but decimal(18,3) allows at most 3 (was 95.0001) at"
                      + " $.payload.newQuantity"));
    }
  }

  private static JsonNode firstExampleOf(String message) throws IOException {
    JsonNode example =
        ContractFiles.asyncApi()
            .path("components")
            .path("messages")
            .path(message)
            .path("examples")
            .get(0)
            .path("payload");
    return EventJson.parse(example.toString());
  }

  /**
   * JSON -> generated class -> bytes written with that class's schema -> read with the schema
   * file's schema -> JSON.
   */
  private static JsonNode roundTrip(JsonNode json, Schema schema) throws IOException {
    SpecificRecord typed = EventJson.read(EventJson.parse(json.toString()));
    assertThat(typed.getClass().getName()).isEqualTo(schema.getFullName());
    SpecificData data = SpecificData.getForClass(typed.getClass());
    byte[] written = encode(new SpecificDatumWriter<>(typed.getSchema(), data), typed);
    SpecificRecord back =
        new SpecificDatumReader<SpecificRecord>(typed.getSchema(), schema, data)
            .read(null, DecoderFactory.get().binaryDecoder(written, null));
    return EventJson.write(back);
  }

  private static <T> byte[] encode(org.apache.avro.io.DatumWriter<T> writer, T value)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    writer.write(value, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /** Equal as the channel means it: numbers by value, timestamps by instant. */
  static void assertSameJson(JsonNode expected, JsonNode actual, String path) {
    if (expected.isObject()) {
      assertThat(actual.isObject()).as("object at %s", path).isTrue();
      Iterator<String> names = expected.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        assertSameJson(expected.get(name), actual.path(name), path + "." + name);
      }
      return;
    }
    if (expected.isNumber()) {
      assertThat(actual.isNumber()).as("number at %s but was %s", path, actual).isTrue();
      assertThat(actual.decimalValue())
          .as("value at %s", path)
          .isEqualByComparingTo(expected.decimalValue());
      return;
    }
    if (expected.isTextual() && EventJson.parseInstant(expected.textValue()) != null) {
      assertThat(EventJson.parseInstant(actual.asText()))
          .as("instant at %s", path)
          .isEqualTo(EventJson.parseInstant(expected.textValue()));
      return;
    }
    assertThat(actual).as("value at %s", path).isEqualTo(expected);
  }
}
