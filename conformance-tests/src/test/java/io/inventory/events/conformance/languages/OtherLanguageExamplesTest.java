package io.inventory.events.conformance.languages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.cli.json.EventJson;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Python and Node programs that docs/other-languages.md quotes, run against the real broker and
 * registry next to the Java client: what they write, Java reads as the same event; what Java
 * writes, they print in the seed's JSON shape; and every key lands where Java's murmur2 puts it.
 */
@ExtendWith(InventoryStackExtension.class)
@DisplayName("The other-language examples exchange events with the Java client")
class OtherLanguageExamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PRODUCTS =
      IntStream.range(0, 24).mapToObj(n -> "PROD-" + (456 + n)).toList();

  @ParameterizedTest(name = "{0}")
  @EnumSource(ExampleClient.class)
  @DisplayName(
      "the example producer's seed event is read by Java exactly: 95 as 95.000, the timestamp to the microsecond")
  void javaReadsTheProducedEventExactly(ExampleClient client, InventoryStack stack) {
    ExampleTopic topic = new ExampleTopic(stack);

    List<JsonNode> reports = lines(client.run("produce", topic.arguments()).stdout());

    assertThat(reports).hasSize(1);
    JsonNode report = reports.get(0);
    StockLevelChanged read = (StockLevelChanged) topic.read(1).get(0).value();
    assertThat(read).isEqualTo(seedEvent(report));
    assertThat(read.getPayload().getNewQuantity()).isEqualTo(new BigDecimal("95.000"));
    assertThat(read.getTimestamp()).isEqualTo(Instant.parse(report.path("timestamp").asText()));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ExampleClient.class)
  @DisplayName(
      "the example producer sends each of 24 products to the partition Java's murmur2 gives it")
  void keysLandWhereJavaPutsThem(ExampleClient client, InventoryStack stack) {
    ExampleTopic topic = new ExampleTopic(stack);
    List<String> arguments = new ArrayList<>();
    PRODUCTS.forEach(product -> arguments.addAll(List.of("--product-id", product)));

    List<JsonNode> reports =
        lines(client.run("produce", topic.arguments(arguments.toArray(String[]::new))).stdout());

    assertThat(reports).hasSize(PRODUCTS.size());
    Map<String, Integer> expected = new HashMap<>();
    Map<String, Integer> reported = new HashMap<>();
    Map<String, Integer> stored = new HashMap<>();
    PRODUCTS.forEach(product -> expected.put(product, ExampleTopic.javaPartition(product)));
    reports.forEach(r -> reported.put(r.path("productId").asText(), r.path("partition").asInt()));
    for (ConsumerRecord<String, Object> record : topic.read(PRODUCTS.size())) {
      stored.put(record.key(), record.partition());
      assertThat(record.value()).isEqualTo(seedEvent(report(reports, record.key())));
    }
    assertThat(reported).isEqualTo(expected);
    assertThat(stored).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ExampleClient.class)
  @DisplayName(
      "the example consumer prints each of the six Java-published events in the seed's JSON shape")
  void printsJavaEventsInTheSeedShape(ExampleClient client, InventoryStack stack) {
    ExampleTopic topic = new ExampleTopic(stack);
    List<SpecificRecord> events = SampleEvents.all();
    topic.publish(events);

    List<String> printed =
        client
            .run(
                "consume", topic.arguments("--group", "example-" + UUID.randomUUID(), "--max", "6"))
            .stdout()
            .lines()
            .toList();

    Map<String, String> byEventId = new HashMap<>();
    printed.forEach(line -> byEventId.put(parse(line).path("eventId").asText(), line));
    for (SpecificRecord event : events) {
      String line =
          byEventId.get(event.get(event.getSchema().getField("eventId").pos()).toString());
      assertThat(line).as("printed line of %s", event.getSchema().getName()).isNotNull();
      assertThat(normalised(line, event.getSchema())).isEqualTo(ExampleTopic.json(event));
    }
    String seed = byEventId.get(SampleEvents.stockLevelChanged().getEventId().toString());
    assertThat(seed)
        .contains("\"timestamp\": \"2025-06-01T10:15:30.123456Z\"")
        .contains("\"newQuantity\": 95,")
        .contains("\"expiryDate\": \"2025-12-31\"");
  }

  /** The seed's event as the example writes it, with the ids and time the example reported. */
  private static StockLevelChanged seedEvent(JsonNode report) {
    StockLevelChanged seed = SampleEvents.stockLevelChanged();
    return StockLevelChanged.newBuilder(seed)
        .setEventId(UUID.fromString(report.path("eventId").asText()))
        .setTimestamp(Instant.parse(report.path("timestamp").asText()))
        .setPayload(
            io.inventory.events.avro.StockLevelChangedPayload.newBuilder(seed.getPayload())
                .setProductId(report.path("productId").asText())
                .build())
        .build();
  }

  private static JsonNode report(List<JsonNode> reports, String productId) {
    return reports.stream()
        .filter(r -> r.path("productId").asText().equals(productId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no delivery report for " + productId));
  }

  /**
   * A printed line read strictly as the event's schema (unknown or mistyped fields fail), then
   * written as the CLI's codec writes it.
   */
  private static JsonNode normalised(String line, Schema schema) {
    return EventJson.write(EventJson.read(parse(line)));
  }

  private static List<JsonNode> lines(String output) {
    return output
        .lines()
        .filter(line -> !line.isBlank())
        .map(OtherLanguageExamplesTest::parse)
        .toList();
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("Not a JSON line: " + line, e);
    }
  }
}
