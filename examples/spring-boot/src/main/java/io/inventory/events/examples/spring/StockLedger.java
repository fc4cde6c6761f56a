package io.inventory.events.examples.spring;

import io.inventory.events.avro.AlertSeverity;
import io.inventory.events.avro.LowStockAlert;
import io.inventory.events.avro.LowStockAlertPayload;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.avro.StockLevelChangedPayload;
import io.inventory.events.client.InventoryEventPublisher;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The service's own logic, free of Kafka and Spring Kafka types so that it is tested with the
 * client's test doubles: it keeps every event it applied and each product's last known quantity,
 * and publishes a {@code LOW_STOCK_ALERT} when a stock change falls below the reorder point. A
 * product named {@code PROD-REJECTED} is refused, to show retries and dead letters. Thread-safe.
 */
@Service
public class StockLedger {
  /** The product this ledger always refuses, with {@link #REJECTION}. */
  public static final String REJECTED_PRODUCT = "PROD-REJECTED";

  public static final String REJECTION = "ledger refuses " + REJECTED_PRODUCT;

  private final InventoryEventPublisher publisher;
  private final BigDecimal reorderPoint;
  private final List<SpecificRecord> applied = new CopyOnWriteArrayList<>();
  private final List<String> unknownTypes = new CopyOnWriteArrayList<>();
  private final Map<String, BigDecimal> quantities = new ConcurrentHashMap<>();

  public StockLedger(
      InventoryEventPublisher publisher,
      @Value("${inventory.events.reorder-point:10}") BigDecimal reorderPoint) {
    this.publisher = publisher;
    this.reorderPoint = reorderPoint;
  }

  /**
   * Applies any event of the contract; stock changes update the quantity and may raise an alert.
   */
  public void apply(SpecificRecord event) {
    if (event instanceof StockLevelChanged changed) {
      applyChange(changed);
    }
    applied.add(event);
  }

  /** Counts an event type this build has no class for; nothing else is done with it. */
  public void skipUnknown(String recordName) {
    unknownTypes.add(recordName);
  }

  private void applyChange(StockLevelChanged event) {
    StockLevelChangedPayload payload = event.getPayload();
    if (payload.getProductId().equals(REJECTED_PRODUCT)) {
      throw new IllegalStateException(REJECTION);
    }
    quantities.put(payload.getProductId(), payload.getNewQuantity());
    if (payload.getNewQuantity().compareTo(reorderPoint) < 0
        && payload.getPreviousQuantity().compareTo(reorderPoint) >= 0) {
      publisher.publish(alertFor(event)).join();
    }
  }

  private LowStockAlert alertFor(StockLevelChanged event) {
    StockLevelChangedPayload payload = event.getPayload();
    return LowStockAlert.newBuilder()
        .setEventId(
            UUID.nameUUIDFromBytes(
                ("alert:" + event.getEventId()).getBytes(StandardCharsets.UTF_8)))
        .setTimestamp(event.getTimestamp())
        .setPayload(
            LowStockAlertPayload.newBuilder()
                .setProductId(payload.getProductId())
                .setLocationId(payload.getLocationId())
                .setCurrentQuantity(payload.getNewQuantity())
                .setThresholdQuantity(reorderPoint)
                .setUnitOfMeasure(payload.getUnitOfMeasure())
                .setSeverity(AlertSeverity.LOW)
                .build())
        .setMetadata(event.getMetadata())
        .build();
  }

  /** Every event applied so far, oldest first. */
  public List<SpecificRecord> applied() {
    return List.copyOf(applied);
  }

  /** The record names of the unknown event types skipped so far. */
  public List<String> unknownTypes() {
    return List.copyOf(unknownTypes);
  }

  /** The last quantity applied for {@code productId}, or {@code null}. */
  public BigDecimal quantity(String productId) {
    return quantities.get(productId);
  }
}
