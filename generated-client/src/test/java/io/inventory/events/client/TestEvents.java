package io.inventory.events.client;

import io.inventory.events.avro.EventMetadata;
import io.inventory.events.avro.StockChangeReason;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.avro.StockLevelChangedPayload;
import io.inventory.events.avro.UnitOfMeasure;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The seed's STOCK_LEVEL_CHANGED for this module's unit tests (conformance-tests has the full set).
 */
public final class TestEvents {
  private TestEvents() {}

  public static StockLevelChanged seedExample() {
    return StockLevelChanged.newBuilder()
        .setEventId(UUID.fromString("6f1c1f6e-3d5a-4f4e-9c1a-000000000001"))
        .setTimestamp(Instant.parse("2025-06-01T10:15:30.123456Z"))
        .setPayload(
            StockLevelChangedPayload.newBuilder()
                .setProductId("PROD-456")
                .setLocationId("WH-123")
                .setPreviousQuantity(new BigDecimal("100"))
                .setNewQuantity(new BigDecimal("95"))
                .setChangeReason(StockChangeReason.ORDER_FULFILLED)
                .setUnitOfMeasure(UnitOfMeasure.EACH)
                .build())
        .setMetadata(
            EventMetadata.newBuilder()
                .setSource("warehouse_system")
                .setCorrelationId("inv-xyz-123")
                .setUserId("john.doe")
                .build())
        .build();
  }

  public static StockLevelChanged.Builder seedBuilder() {
    return StockLevelChanged.newBuilder(seedExample());
  }

  public static StockLevelChangedPayload.Builder payloadBuilder() {
    return StockLevelChangedPayload.newBuilder(seedExample().getPayload());
  }
}
