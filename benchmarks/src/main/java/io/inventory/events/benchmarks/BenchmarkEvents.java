package io.inventory.events.benchmarks;

import io.inventory.events.avro.BatchInfo;
import io.inventory.events.avro.EventMetadata;
import io.inventory.events.avro.StockChangeReason;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.avro.StockLevelChangedPayload;
import io.inventory.events.avro.UnitOfMeasure;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The event every benchmark sends: the seed's STOCK_LEVEL_CHANGED example, sized like production.
 */
final class BenchmarkEvents {
  private BenchmarkEvents() {}

  static StockLevelChanged stockLevelChanged(int sequence) {
    return StockLevelChanged.newBuilder()
        .setEventId(new UUID(0x6f1c1f6e3d5a4f4eL, sequence))
        .setTimestamp(Instant.parse("2025-06-01T10:15:30.123456Z"))
        .setPayload(
            StockLevelChangedPayload.newBuilder()
                .setProductId("PROD-" + (sequence % 500))
                .setLocationId("WH-123")
                .setPreviousQuantity(new BigDecimal("100.000"))
                .setNewQuantity(new BigDecimal("95.000"))
                .setChangeReason(StockChangeReason.ORDER_FULFILLED)
                .setUnitOfMeasure(UnitOfMeasure.EACH)
                .setBatchInfo(
                    BatchInfo.newBuilder()
                        .setBatchId("BATCH-789")
                        .setExpiryDate(LocalDate.parse("2025-12-31"))
                        .build())
                .build())
        .setMetadata(
            EventMetadata.newBuilder()
                .setSource("warehouse_system")
                .setCorrelationId("inv-xyz-123")
                .setUserId("john.doe")
                .build())
        .build();
  }
}
