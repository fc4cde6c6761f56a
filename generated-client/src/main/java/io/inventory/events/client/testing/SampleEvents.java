package io.inventory.events.client.testing;

import io.inventory.events.avro.AdjustmentReason;
import io.inventory.events.avro.AlertSeverity;
import io.inventory.events.avro.AllocationReleaseReason;
import io.inventory.events.avro.AllocationReleased;
import io.inventory.events.avro.AllocationReleasedPayload;
import io.inventory.events.avro.BatchInfo;
import io.inventory.events.avro.EventMetadata;
import io.inventory.events.avro.LowStockAlert;
import io.inventory.events.avro.LowStockAlertPayload;
import io.inventory.events.avro.StockAdjusted;
import io.inventory.events.avro.StockAdjustedPayload;
import io.inventory.events.avro.StockAllocated;
import io.inventory.events.avro.StockAllocatedPayload;
import io.inventory.events.avro.StockChangeReason;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.avro.StockLevelChangedPayload;
import io.inventory.events.avro.StocktakeCounted;
import io.inventory.events.avro.StocktakeCountedPayload;
import io.inventory.events.avro.UnitOfMeasure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Sample events for tests, yours and this project's: a valid instance of each of the six events,
 * the seed's STOCK_LEVEL_CHANGED example, and numbered events for bulk tests. This project's suites
 * and benchmarks take their events from here; teams can use them to test their handlers.
 *
 * <p>Samples are deterministic (fixed ids and timestamps; numbered events derive their eventId from
 * product and sequence), so a failing assertion prints the same values every run. Quantities are at
 * the schema's scale 3 ({@code 95.000}), as a decoded event has them, so a round trip {@code
 * equals} the original. Each call returns a new instance: change a copy with {@code
 * StockLevelChanged.newBuilder(SampleEvents.stockLevelChanged())}.
 */
public final class SampleEvents {
  /** The seed's product, location, batch and metadata values. */
  public static final String PRODUCT_ID = "PROD-456";

  public static final String LOCATION_ID = "WH-123";
  public static final String BATCH_ID = "BATCH-789";
  public static final LocalDate EXPIRY_DATE = LocalDate.parse("2025-12-31");
  public static final String SOURCE = "warehouse_system";
  public static final String CORRELATION_ID = "inv-xyz-123";
  public static final String USER_ID = "john.doe";
  public static final Instant TIMESTAMP = Instant.parse("2025-06-01T10:15:30.123456Z");

  private SampleEvents() {}

  /**
   * The seed's example: PROD-456 at WH-123 went from 100 to 95 EACH, ORDER_FULFILLED, batch
   * BATCH-789 expiring 2025-12-31, from warehouse_system, correlation inv-xyz-123, user john.doe.
   */
  public static StockLevelChanged stockLevelChanged() {
    return envelope(
        new StockLevelChanged(),
        1,
        StockLevelChangedPayload.newBuilder()
            .setProductId(PRODUCT_ID)
            .setLocationId(LOCATION_ID)
            .setPreviousQuantity(quantity("100"))
            .setNewQuantity(quantity("95"))
            .setChangeReason(StockChangeReason.ORDER_FULFILLED)
            .setUnitOfMeasure(UnitOfMeasure.EACH)
            .setBatchInfo(
                BatchInfo.newBuilder().setBatchId(BATCH_ID).setExpiryDate(EXPIRY_DATE).build())
            .build());
  }

  /** PROD-456 at WH-123 fell to 8 EACH, below its threshold of 10: CRITICAL. */
  public static LowStockAlert lowStockAlert() {
    return envelope(
        new LowStockAlert(),
        2,
        LowStockAlertPayload.newBuilder()
            .setProductId(PRODUCT_ID)
            .setLocationId(LOCATION_ID)
            .setCurrentQuantity(quantity("8"))
            .setThresholdQuantity(quantity("10"))
            .setUnitOfMeasure(UnitOfMeasure.EACH)
            .setSeverity(AlertSeverity.CRITICAL)
            .build());
  }

  /**
   * 2.5 KG of PROD-456 at WH-123 reserved for ORDER-1001 until an hour after {@link #TIMESTAMP}.
   */
  public static StockAllocated stockAllocated() {
    return envelope(
        new StockAllocated(),
        3,
        StockAllocatedPayload.newBuilder()
            .setProductId(PRODUCT_ID)
            .setLocationId(LOCATION_ID)
            .setAllocationId("ALLOC-42")
            .setOrderId("ORDER-1001")
            .setQuantity(quantity("2.5"))
            .setUnitOfMeasure(UnitOfMeasure.KG)
            .setExpiresAt(TIMESTAMP.plusSeconds(3600))
            .build());
  }

  /** The reservation of {@link #stockAllocated()} released: the order was cancelled. */
  public static AllocationReleased allocationReleased() {
    StockAllocatedPayload allocated = stockAllocated().getPayload();
    return envelope(
        new AllocationReleased(),
        4,
        AllocationReleasedPayload.newBuilder()
            .setProductId(allocated.getProductId())
            .setLocationId(allocated.getLocationId())
            .setAllocationId(allocated.getAllocationId())
            .setOrderId(allocated.getOrderId())
            .setQuantity(allocated.getQuantity())
            .setUnitOfMeasure(allocated.getUnitOfMeasure())
            .setReleaseReason(AllocationReleaseReason.CANCELLED)
            .build());
  }

  /** Three EACH of PROD-456 at WH-123 written off as damaged, with a note. */
  public static StockAdjusted stockAdjusted() {
    return envelope(
        new StockAdjusted(),
        5,
        StockAdjustedPayload.newBuilder()
            .setProductId(PRODUCT_ID)
            .setLocationId(LOCATION_ID)
            .setAdjustmentId("ADJ-7")
            .setQuantityChange(quantity("-3"))
            .setUnitOfMeasure(UnitOfMeasure.EACH)
            .setAdjustmentReason(AdjustmentReason.DAMAGE)
            .setNote("Pallet dropped by forklift")
            .build());
  }

  /** PROD-456 at WH-123 counted 93 where 95 were expected: variance -2. */
  public static StocktakeCounted stocktakeCounted() {
    return envelope(
        new StocktakeCounted(),
        6,
        StocktakeCountedPayload.newBuilder()
            .setProductId(PRODUCT_ID)
            .setLocationId(LOCATION_ID)
            .setStocktakeId("ST-2025-06")
            .setCountedQuantity(quantity("93"))
            .setExpectedQuantity(quantity("95"))
            .setVariance(quantity("-2"))
            .setUnitOfMeasure(UnitOfMeasure.EACH)
            .build());
  }

  /** One valid instance of each of the six events, in catalogue order. */
  public static List<SpecificRecord> all() {
    return List.of(
        stockLevelChanged(),
        lowStockAlert(),
        stockAllocated(),
        allocationReleased(),
        stockAdjusted(),
        stocktakeCounted());
  }

  /**
   * The {@code sequence}-th stock change of {@code productId}: its new quantity is {@code
   * sequence}, so a consumer can check per-product order; the eventId is derived from both, so it
   * is unique and stable across runs.
   */
  public static StockLevelChanged numbered(String productId, int sequence) {
    StockLevelChanged seed = stockLevelChanged();
    return StockLevelChanged.newBuilder(seed)
        .setEventId(
            UUID.nameUUIDFromBytes((productId + "#" + sequence).getBytes(StandardCharsets.UTF_8)))
        .setTimestamp(TIMESTAMP.plusMillis(sequence))
        .setPayload(
            StockLevelChangedPayload.newBuilder(seed.getPayload())
                .setProductId(productId)
                .setPreviousQuantity(quantity(Integer.toString(sequence + 1)))
                .setNewQuantity(quantity(Integer.toString(sequence)))
                .build())
        .setMetadata(metadata("bulk-" + productId))
        .build();
  }

  /** {@code value} at the schema's scale 3, as a decoded event carries it. */
  public static BigDecimal quantity(String value) {
    return new BigDecimal(value).setScale(3);
  }

  /**
   * {@code event} with the envelope every sample shares around its {@code payload}: eventId {@code
   * 6f1c1f6e-3d5a-4f4e-9c1a-00000000000<number>}, the schema's eventType and version, {@link
   * #TIMESTAMP} and the seed's metadata. By field name, because the six generated classes have no
   * common builder type.
   */
  private static <T extends SpecificRecordBase> T envelope(
      T event, int number, SpecificRecord payload) {
    event.put("eventId", UUID.fromString(String.format("6f1c1f6e-3d5a-4f4e-9c1a-%012d", number)));
    event.put("eventType", defaultOf(event, "eventType"));
    event.put("timestamp", TIMESTAMP);
    event.put("version", defaultOf(event, "version"));
    event.put("payload", payload);
    event.put("metadata", metadata(CORRELATION_ID));
    return event;
  }

  private static Object defaultOf(SpecificRecordBase event, String field) {
    return event.getSchema().getField(field).defaultVal();
  }

  private static EventMetadata metadata(String correlationId) {
    return EventMetadata.newBuilder()
        .setSource(SOURCE)
        .setCorrelationId(correlationId)
        .setUserId(USER_ID)
        .build();
  }
}
