package io.inventory.events.examples.spring;

import io.inventory.events.avro.AllocationReleased;
import io.inventory.events.avro.LowStockAlert;
import io.inventory.events.avro.StockAdjusted;
import io.inventory.events.avro.StockAllocated;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.avro.StocktakeCounted;
import io.inventory.events.client.serde.UnknownEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * One listener on the channel, one handler method per event type: Spring Kafka picks the method by
 * the class the contract's deserializer returned. An event type newer than this build arrives as an
 * {@link UnknownEvent}: it is logged once per type, counted and skipped, never retried or
 * dead-lettered. A handler that throws is retried and dead-lettered by the container's error
 * handler ({@link DeadLetterConfiguration}).
 */
@Component
@KafkaListener(id = "inventory-events", topics = "${inventory.events.topic}")
public class StockEventListener {
  private static final Logger LOG = LoggerFactory.getLogger(StockEventListener.class);

  private final StockLedger ledger;

  public StockEventListener(StockLedger ledger) {
    this.ledger = ledger;
  }

  @KafkaHandler
  public void stockLevelChanged(StockLevelChanged event) {
    ledger.apply(event);
  }

  @KafkaHandler
  public void lowStockAlert(LowStockAlert event) {
    ledger.apply(event);
  }

  @KafkaHandler
  public void stockAllocated(StockAllocated event) {
    ledger.apply(event);
  }

  @KafkaHandler
  public void allocationReleased(AllocationReleased event) {
    ledger.apply(event);
  }

  @KafkaHandler
  public void stockAdjusted(StockAdjusted event) {
    ledger.apply(event);
  }

  @KafkaHandler
  public void stocktakeCounted(StocktakeCounted event) {
    ledger.apply(event);
  }

  @KafkaHandler
  public void unknown(UnknownEvent event) {
    if (!ledger.unknownTypes().contains(event.recordName())) {
      LOG.info("Skipping {}: this build has no class for it (newer producer)", event);
    }
    ledger.skipUnknown(event.recordName());
  }
}
