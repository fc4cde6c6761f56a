package io.inventory.events.cli.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.testing.SampleEvents;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("EventJson: the channel's JSON shape to and from the generated classes")
class EventJsonTest {
  @Test
  @DisplayName("every sample event survives write, read and write again unchanged")
  void everyEventRoundTrips() {
    for (SpecificRecord event : SampleEvents.all()) {
      String json = EventJson.writeLine(event);
      assertThat(EventJson.writeLine(EventJson.read(EventJson.parse(json)))).isEqualTo(json);
    }
  }

  @Test
  @DisplayName(
      "the seed's event is written in the seed's shape: plain decimals, ISO date and timestamp")
  void writesTheSeedShape() {
    assertThat(EventJson.writeLine(SampleEvents.stockLevelChanged()))
        .isEqualTo(
            "{\"eventId\":\"6f1c1f6e-3d5a-4f4e-9c1a-000000000001\",\"eventType\":\"STOCK_LEVEL_CHANGED\","
                + "\"timestamp\":\"2025-06-01T10:15:30.123456Z\",\"version\":\"1.0\","
                + "\"payload\":{\"productId\":\"PROD-456\",\"locationId\":\"WH-123\","
                + "\"previousQuantity\":100,\"newQuantity\":95,\"changeReason\":\"ORDER_FULFILLED\","
                + "\"unitOfMeasure\":\"EACH\",\"batchInfo\":{\"batchId\":\"BATCH-789\","
                + "\"expiryDate\":\"2025-12-31\"}},\"metadata\":{\"source\":\"warehouse_system\","
                + "\"correlationId\":\"inv-xyz-123\",\"userId\":\"john.doe\"}}");
  }

  @Test
  @DisplayName(
      "the seed page's JSON (zone-less timestamp, integer quantities) reads as a StockLevelChanged")
  void readsTheSeedPage() throws Exception {
    String seed = Files.readString(Path.of("src/test/resources/events/seed-page-event.json"));

    StockLevelChanged event = (StockLevelChanged) EventJson.read(EventJson.parse(seed));

    assertThat(event.getTimestamp()).isEqualTo(SampleEvents.TIMESTAMP);
    assertThat(event.getPayload().getNewQuantity()).isEqualTo(new BigDecimal("95"));
    assertThat(event.getPayload().getBatchInfo().getExpiryDate())
        .isEqualTo(SampleEvents.EXPIRY_DATE);
  }

  @Test
  @DisplayName("decimals are read exactly, never through double")
  void decimalsAreExact() {
    String json =
        EventJson.writeLine(SampleEvents.stockAllocated())
            .replace("\"quantity\":2.5", "\"quantity\":1234567890123.457");

    SpecificRecord event = EventJson.read(EventJson.parse(json));

    assertThat(EventJson.writeLine(event)).contains("\"quantity\":1234567890123.457");
  }

  @Test
  @DisplayName("every shape problem of an event is reported at once, each with its JSON path")
  void collectsEveryProblem() {
    String json =
        EventJson.writeLine(SampleEvents.lowStockAlert())
            .replace("\"severity\":\"CRITICAL\"", "\"severity\":\"PANIC\"")
            .replace("\"currentQuantity\":8", "\"currentQuantity\":\"8\"")
            .replace("\"version\":\"1.0\",", "\"version\":\"1.0\",\"extra\":true,");

    assertThatThrownBy(() -> EventJson.read(EventJson.parse(json)))
        .isInstanceOf(EventJsonException.class)
        .hasMessage(
            "expected a number but was \"8\" at $.payload.currentQuantity; expected one of"
                + " [UNKNOWN, LOW, CRITICAL, OUT_OF_STOCK] but was \"PANIC\" at"
                + " $.payload.severity; unknown field \"extra\" at $.extra");
  }

  @Test
  @DisplayName(
      "a number BigDecimal cannot hold is malformed JSON, not a bare NumberFormatException (found"
          + " by the fuzz tests)")
  void numberBeyondBigDecimalIsMalformedJson() {
    assertThatThrownBy(() -> EventJson.parse("{\"quantity\": 1E+21474836472}"))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageStartingWith(
            "com.fasterxml.jackson.core.JsonParseException: Malformed JSON number: Value"
                + " \"1E+21474836472\" can not be deserialized as `java.math.BigDecimal`");
  }

  @Test
  @DisplayName("an object without eventType names the known types")
  void missingEventType() {
    assertThatThrownBy(() -> EventJson.read(EventJson.parse("{}")))
        .hasMessage(
            "required field is missing; expected one of STOCK_LEVEL_CHANGED, LOW_STOCK_ALERT,"
                + " STOCK_ALLOCATED, ALLOCATION_RELEASED, STOCK_ADJUSTED, STOCKTAKE_COUNTED at"
                + " $.eventType");
  }
}
