package io.inventory.events.cli;

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
import io.inventory.events.cli.json.EventJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * Realistic, varied events of every type, valid against the schemas and the publisher's rules: a
 * small catalogue of products, each with a location, a unit (fractional for KG and L), an on-hand
 * quantity that stock changes move, a reorder threshold and open allocations that releases close.
 * The same seed gives the same events, timestamps included. Not thread-safe.
 */
final class SampleStream {
  /** Where seeded streams start, so that they are reproducible to the microsecond. */
  static final Instant SEEDED_START = Instant.parse("2025-06-01T08:00:00Z");

  private static final String[] LOCATIONS = {"WH-123", "WH-200", "STORE-017", "STORE-042"};
  private static final UnitOfMeasure[] UNITS = {
    UnitOfMeasure.EACH,
    UnitOfMeasure.EACH,
    UnitOfMeasure.PACK,
    UnitOfMeasure.CASE,
    UnitOfMeasure.KG,
    UnitOfMeasure.L
  };
  private static final String[] USERS = {"john.doe", "a.smith", "m.garcia", "k.tanaka"};

  private final Random random;
  private final List<Product> products = new ArrayList<>();
  private Instant clock;
  private int sequence;

  SampleStream(long seed, Instant start, int productCount) {
    this.random = new Random(seed);
    this.clock = start.truncatedTo(ChronoUnit.MICROS);
    for (int i = 0; i < productCount; i++) {
      products.add(new Product(i));
    }
  }

  /** The next event: each type once in catalogue order, then mostly stock changes. */
  SpecificRecord next() {
    List<String> types = EventJson.eventTypes();
    if (sequence < types.size()) {
      return next(types.get(sequence));
    }
    int roll = random.nextInt(100);
    String type =
        roll < 40 ? "STOCK_LEVEL_CHANGED" : types.get(1 + (roll - 40) * (types.size() - 1) / 60);
    return next(type);
  }

  /**
   * The next event of {@code eventType}.
   *
   * @throws IllegalArgumentException for an event type this stream cannot make
   */
  SpecificRecord next(String eventType) {
    sequence++;
    clock =
        clock
            .plus(1 + random.nextInt(5_000), ChronoUnit.MILLIS)
            .plusNanos(1_000L * random.nextInt(1_000));
    Product product = products.get(random.nextInt(products.size()));
    switch (eventType) {
      case "STOCK_LEVEL_CHANGED":
        return stockLevelChanged(product);
      case "LOW_STOCK_ALERT":
        return lowStockAlert(product);
      case "STOCK_ALLOCATED":
        return stockAllocated(product);
      case "ALLOCATION_RELEASED":
        return allocationReleased(product);
      case "STOCK_ADJUSTED":
        return stockAdjusted(product);
      case "STOCKTAKE_COUNTED":
        return stocktakeCounted(product);
      default:
        throw new IllegalArgumentException("no samples for event type " + eventType);
    }
  }

  private StockLevelChanged stockLevelChanged(Product product) {
    StockChangeReason reason = pick(StockChangeReason.values(), 1);
    BigDecimal previous = product.onHand;
    boolean decrease =
        reason == StockChangeReason.ORDER_FULFILLED || reason == StockChangeReason.TRANSFER_OUT;
    BigDecimal change = product.quantity(1, 40);
    product.onHand = decrease ? previous.subtract(change).max(zero()) : previous.add(change);
    return StockLevelChanged.newBuilder()
        .setEventId(eventId())
        .setTimestamp(clock)
        .setPayload(
            StockLevelChangedPayload.newBuilder()
                .setProductId(product.id)
                .setLocationId(product.location)
                .setPreviousQuantity(previous)
                .setNewQuantity(product.onHand)
                .setChangeReason(reason)
                .setUnitOfMeasure(product.unit)
                .setBatchInfo(random.nextInt(10) < 4 ? batch() : null)
                .build())
        .setMetadata(metadata("warehouse_system"))
        .build();
  }

  private LowStockAlert lowStockAlert(Product product) {
    BigDecimal share = BigDecimal.valueOf(random.nextInt(101), 2); // 0.00 to 1.00 of the threshold
    BigDecimal current =
        product
            .threshold
            .multiply(share)
            .setScale(product.fractional() ? 3 : 0, RoundingMode.DOWN)
            .setScale(3);
    AlertSeverity severity =
        current.signum() == 0
            ? AlertSeverity.OUT_OF_STOCK
            : share.compareTo(new BigDecimal("0.5")) < 0
                ? AlertSeverity.CRITICAL
                : AlertSeverity.LOW;
    return LowStockAlert.newBuilder()
        .setEventId(eventId())
        .setTimestamp(clock)
        .setPayload(
            LowStockAlertPayload.newBuilder()
                .setProductId(product.id)
                .setLocationId(product.location)
                .setCurrentQuantity(current)
                .setThresholdQuantity(product.threshold)
                .setUnitOfMeasure(product.unit)
                .setSeverity(severity)
                .build())
        .setMetadata(metadata("replenishment_service"))
        .build();
  }

  private StockAllocated stockAllocated(Product product) {
    Allocation allocation =
        new Allocation(
            "ALLOC-" + (10_000 + sequence),
            "ORD-" + (50_000 + random.nextInt(50_000)),
            product.quantity(1, 12));
    product.allocations.addLast(allocation);
    return StockAllocated.newBuilder()
        .setEventId(eventId())
        .setTimestamp(clock)
        .setPayload(
            StockAllocatedPayload.newBuilder()
                .setProductId(product.id)
                .setLocationId(product.location)
                .setAllocationId(allocation.id)
                .setOrderId(allocation.orderId)
                .setQuantity(allocation.quantity)
                .setUnitOfMeasure(product.unit)
                .setExpiresAt(
                    random.nextBoolean()
                        ? clock.plus(30 + random.nextInt(90), ChronoUnit.MINUTES)
                        : null)
                .build())
        .setMetadata(metadata("order_service"))
        .build();
  }

  private AllocationReleased allocationReleased(Product product) {
    Allocation allocation =
        product.allocations.isEmpty()
            ? new Allocation(
                "ALLOC-" + (90_000 + sequence),
                "ORD-" + (40_000 + sequence),
                product.quantity(1, 12))
            : product.allocations.removeFirst();
    return AllocationReleased.newBuilder()
        .setEventId(eventId())
        .setTimestamp(clock)
        .setPayload(
            AllocationReleasedPayload.newBuilder()
                .setProductId(product.id)
                .setLocationId(product.location)
                .setAllocationId(allocation.id)
                .setOrderId(allocation.orderId)
                .setQuantity(allocation.quantity)
                .setUnitOfMeasure(product.unit)
                .setReleaseReason(pick(AllocationReleaseReason.values(), 1))
                .build())
        .setMetadata(metadata("order_service"))
        .build();
  }

  private StockAdjusted stockAdjusted(Product product) {
    AdjustmentReason reason = pick(AdjustmentReason.values(), 1);
    BigDecimal change = product.quantity(1, 6);
    boolean adds =
        reason == AdjustmentReason.FOUND
            || (reason == AdjustmentReason.CORRECTION && random.nextBoolean());
    return StockAdjusted.newBuilder()
        .setEventId(eventId())
        .setTimestamp(clock)
        .setPayload(
            StockAdjustedPayload.newBuilder()
                .setProductId(product.id)
                .setLocationId(product.location)
                .setAdjustmentId("ADJ-" + (700 + sequence))
                .setQuantityChange(adds ? change : change.negate())
                .setUnitOfMeasure(product.unit)
                .setAdjustmentReason(reason)
                .setNote(
                    random.nextBoolean()
                        ? "Recorded at " + product.location + " by the shift lead"
                        : null)
                .build())
        .setMetadata(metadata("warehouse_system"))
        .build();
  }

  private StocktakeCounted stocktakeCounted(Product product) {
    BigDecimal expected = product.onHand;
    BigDecimal counted =
        expected
            .add(product.quantity(0, 3).multiply(BigDecimal.valueOf(random.nextInt(3) - 1)))
            .max(zero());
    return StocktakeCounted.newBuilder()
        .setEventId(eventId())
        .setTimestamp(clock)
        .setPayload(
            StocktakeCountedPayload.newBuilder()
                .setProductId(product.id)
                .setLocationId(product.location)
                .setStocktakeId(
                    "ST-" + clock.atZone(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7))
                .setCountedQuantity(counted)
                .setExpectedQuantity(expected)
                .setVariance(counted.subtract(expected))
                .setUnitOfMeasure(product.unit)
                .build())
        .setMetadata(metadata("stocktake_app"))
        .build();
  }

  private BatchInfo batch() {
    return BatchInfo.newBuilder()
        .setBatchId("BATCH-" + (100 + random.nextInt(900)))
        .setExpiryDate(
            random.nextInt(4) == 0
                ? null
                : clock.atZone(ZoneOffset.UTC).toLocalDate().plusDays(30 + random.nextInt(335)))
        .build();
  }

  private EventMetadata metadata(String source) {
    return EventMetadata.newBuilder()
        .setSource(source)
        .setCorrelationId("inv-" + Integer.toHexString(0x100000 + random.nextInt(0xefffff)))
        .setUserId(random.nextInt(10) < 6 ? USERS[random.nextInt(USERS.length)] : null)
        .build();
  }

  /** A random (version 4) UUID drawn from this stream's generator, so seeded runs repeat it. */
  private UUID eventId() {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  /** A random value of {@code values}, skipping the first {@code skip} (the UNKNOWN defaults). */
  private <T> T pick(T[] values, int skip) {
    return values[skip + random.nextInt(values.length - skip)];
  }

  private static BigDecimal zero() {
    return BigDecimal.ZERO.setScale(3);
  }

  private record Allocation(String id, String orderId, BigDecimal quantity) {}

  /** One product at one location, and what the stream has done to its stock so far. */
  private final class Product {
    final String id;
    final String location;
    final UnitOfMeasure unit;
    final BigDecimal threshold;
    final Deque<Allocation> allocations = new ArrayDeque<>();
    BigDecimal onHand;

    Product(int index) {
      this.id = "PROD-" + (100 + index * 37 % 900);
      this.location = LOCATIONS[random.nextInt(LOCATIONS.length)];
      this.unit = UNITS[random.nextInt(UNITS.length)];
      this.threshold = quantity(5, 25);
      this.onHand = quantity(20, 400);
    }

    boolean fractional() {
      return unit == UnitOfMeasure.KG || unit == UnitOfMeasure.L;
    }

    /**
     * A positive quantity from {@code min} to about {@code max} in this unit: whole, or to 0.001.
     */
    BigDecimal quantity(int min, int max) {
      BigDecimal whole = BigDecimal.valueOf(min + random.nextInt(max - min + 1));
      BigDecimal value =
          fractional() ? whole.add(BigDecimal.valueOf(random.nextInt(1_000), 3)) : whole;
      return value.signum() == 0 ? BigDecimal.ONE.setScale(3) : value.setScale(3);
    }
  }
}
