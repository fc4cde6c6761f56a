package io.inventory.events.conformance.languages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.registry.CompatibilityLevel;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The traps docs/other-languages.md warns about, shown to be real with the same libraries the
 * examples use: each test does what the guide says not to do and observes the damage.
 */
@ExtendWith(InventoryStackExtension.class)
@DisplayName("The traps the other-languages guide warns about are real")
class LanguageTrapsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @DisplayName(
      "Python's avro writes Decimal('95') as 0.095 in a decimal(18,3); quantized to the scale it is 95.000")
  void pythonDecimalNeedsTheSchemasScale() throws Exception {
    List<String> encodings =
        ExamplePrograms.python(ExamplePrograms.TRAPS.resolve("decimal_trap.py"), List.of())
            .run()
            .requireSuccess()
            .stdout()
            .lines()
            .toList();

    assertThat(encodings).hasSize(2);
    assertThat(decodeQuantity(encodings.get(0))).isEqualTo(new BigDecimal("0.095"));
    assertThat(decodeQuantity(encodings.get(1))).isEqualTo(new BigDecimal("95.000"));
  }

  @Test
  @DisplayName(
      "librdkafka's default partitioner sends most of 24 products to another partition than Java")
  void librdkafkaDefaultPartitionerDisagreesWithJava(InventoryStack stack) {
    String topic = stack.createTopic(ExampleTopic.PARTITIONS);
    List<String> arguments = new ArrayList<>(List.of(stack.bootstrapServers(), topic));
    IntStream.range(0, 24).forEach(n -> arguments.add("PROD-" + (456 + n)));

    List<String> placed =
        ExamplePrograms.python(ExamplePrograms.TRAPS.resolve("default_partitioner.py"), arguments)
            .run()
            .requireSuccess()
            .stdout()
            .lines()
            .toList();

    assertThat(placed).hasSize(24);
    long elsewhere =
        placed.stream()
            .map(line -> line.split(" "))
            .filter(p -> Integer.parseInt(p[1]) != ExampleTopic.javaPartition(p[0]))
            .count();
    assertThat(elsewhere).as("products on another partition than Java's").isGreaterThan(12);
  }

  @Test
  @DisplayName(
      "@kafkajs/confluent-schema-registry as it comes: a decimal is raw two's-complement bytes, a timestamp and a date are numbers")
  void nodeDecodesLogicalTypesRawWithoutHelp(InventoryStack stack) throws Exception {
    ExampleTopic topic = new ExampleTopic(stack);
    StockLevelChanged seed = SampleEvents.stockLevelChanged();
    topic.publish(List.of(seed));

    JsonNode decoded =
        JSON.readTree(
            ExamplePrograms.node(
                    ExamplePrograms.TRAPS.resolve("plain-decode.mjs"),
                    List.of(stack.schemaRegistryUrl()))
                .input(HexFormat.of().formatHex(topic.firstFrame()))
                .run()
                .requireSuccess()
                .stdout());

    assertThat(decoded.path("newQuantity").path("type").asText()).isEqualTo("Buffer");
    assertThat(decoded.path("newQuantity").path("value").asText()).isEqualTo("017318"); // 95000
    assertThat(decoded.path("timestamp").path("type").asText()).isEqualTo("number");
    assertThat(decoded.path("timestamp").path("value").asLong())
        .isEqualTo(ChronoUnit.MICROS.between(java.time.Instant.EPOCH, seed.getTimestamp()));
    assertThat(decoded.path("expiryDate").path("type").asText()).isEqualTo("number");
    assertThat(decoded.path("expiryDate").path("value").asLong())
        .isEqualTo(SampleEvents.EXPIRY_DATE.toEpochDay());
  }

  @Test
  @DisplayName(
      "its register(): refused on an existing Apicurio subject (NONE), and a new subject gets a BACKWARD rule")
  void nodeRegisterWeakensOrRefuses(InventoryStack stack) throws Exception {
    Assumptions.assumeTrue(
        stack.isEmbedded(),
        "checks Apicurio's answer (NONE) to GET /config/<subject>; external registries differ");
    ExampleTopic topic = new ExampleTopic(stack);
    String schema = SampleEvents.stockLevelChanged().getSchema().toString();
    String existing = topic.name + "-" + StockLevelChanged.getClassSchema().getFullName();
    String fresh = "register-trap-" + UUID.randomUUID();

    String onExisting = register(stack, existing, schema);
    String onFresh = register(stack, fresh, schema);

    assertThat(onExisting)
        .isEqualTo("refused: Compatibility does not match the configuration (BACKWARD != NONE)\n");
    assertThat(onFresh).startsWith("registered ");
    assertThat(topic.registry.subjectCompatibility(fresh)).contains(CompatibilityLevel.BACKWARD);
    assertThat(stack.compatibility()).isEqualTo("FULL_TRANSITIVE");
  }

  private static String register(InventoryStack stack, String subject, String schema) {
    return ExamplePrograms.node(
            ExamplePrograms.TRAPS.resolve("register.mjs"),
            List.of(stack.schemaRegistryUrl(), subject))
        .input(schema)
        .run()
        .requireSuccess()
        .stdout();
  }

  private static BigDecimal decodeQuantity(String hex) throws Exception {
    Schema quantity = LogicalTypes.decimal(18, 3).addToSchema(Schema.create(Schema.Type.BYTES));
    ByteBuffer bytes =
        DecoderFactory.get().binaryDecoder(HexFormat.of().parseHex(hex), null).readBytes(null);
    return new Conversions.DecimalConversion()
        .fromBytes(bytes, quantity, quantity.getLogicalType());
  }
}
