package io.inventory.events.conformance.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.avro.AllocationReleased;
import io.inventory.events.avro.AllocationReleasedPayload;
import io.inventory.events.avro.StockAdjusted;
import io.inventory.events.avro.StockAdjustedPayload;
import io.inventory.events.avro.StockAllocated;
import io.inventory.events.avro.StockAllocatedPayload;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.avro.StockLevelChangedPayload;
import io.inventory.events.client.InvalidEventException;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.conformance.serde.Topics;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.math.BigDecimal;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every kind of invalid event is refused before sending, with a message naming the field, and
 * nothing reaches the topic (its end offsets stay at zero).
 */
@ExtendWith(InventoryStackExtension.class)
class PublisherValidationTest {
  private static String topic;
  private static String bootstrapServers;
  private static InventoryEventPublisher publisher;

  @BeforeAll
  static void start(InventoryStack stack) {
    topic = stack.createTopic(1);
    bootstrapServers = stack.bootstrapServers();
    publisher = StackPublisher.onTopic(stack, topic);
  }

  @AfterAll
  static void nothingReachedTheTopic() {
    publisher.flush();
    try {
      assertThat(Topics.recordCount(bootstrapServers, topic)).isZero();
    } finally {
      publisher.close();
    }
  }

  private static StockLevelChanged stockLevelChanged(StockLevelChangedPayload.Builder payload) {
    return StockLevelChanged.newBuilder(SampleEvents.stockLevelChanged())
        .setPayload(payload.build())
        .build();
  }

  private static StockLevelChangedPayload.Builder payload() {
    return StockLevelChangedPayload.newBuilder(SampleEvents.stockLevelChanged().getPayload());
  }

  private static void assertRefused(SpecificRecord event, String expectedMessage) {
    assertThatThrownBy(() -> publisher.publish(event))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage(expectedMessage);
  }

  @Test
  void negativeQuantityIsRefusedNamingTheField() {
    assertRefused(
        stockLevelChanged(payload().setNewQuantity(new BigDecimal("-5"))),
        "Invalid StockLevelChanged: must not be negative but was -5 at $.payload.newQuantity."
            + " Fix the event and send it again; nothing was sent.");
  }

  @Test
  void blankProductIdIsRefused() {
    assertRefused(
        stockLevelChanged(payload().setProductId("  ")),
        "Invalid StockLevelChanged: must not be blank at $.payload.productId."
            + " Fix the event and send it again; nothing was sent.");
  }

  @Test
  void missingEventIdIsRefused() {
    StockLevelChanged event = SampleEvents.stockLevelChanged();
    event.put("eventId", null);
    assertRefused(
        event,
        "Invalid StockLevelChanged: must not be null at $.eventId."
            + " Fix the event and send it again; nothing was sent.");
  }

  @Test
  void eventTypeOfAnotherRecordIsRefused() {
    StockLevelChanged event =
        StockLevelChanged.newBuilder(SampleEvents.stockLevelChanged())
            .setEventType("LOW_STOCK_ALERT")
            .build();
    assertRefused(
        event,
        "Invalid StockLevelChanged: must be STOCK_LEVEL_CHANGED for"
            + " StockLevelChanged but was LOW_STOCK_ALERT at $.eventType."
            + " Fix the event and send it again; nothing was sent.");
  }

  @Test
  void moreDecimalPlacesThanTheSchemaAllowsAreRefused() {
    assertRefused(
        stockLevelChanged(payload().setNewQuantity(new BigDecimal("1.2345"))),
        "Invalid StockLevelChanged: has 4 decimal places but decimal(18,3) allows at most 3"
            + " (was 1.2345) at $.payload.newQuantity."
            + " Fix the event and send it again; nothing was sent.");
  }

  @Test
  void moreDigitsThanTheSchemaAllowsAreRefused() {
    assertRefused(
        stockLevelChanged(payload().setPreviousQuantity(new BigDecimal("1e16"))),
        "Invalid StockLevelChanged: has 20 digits at scale 3 but decimal(18,3) allows at most 18"
            + " (was 10000000000000000) at $.payload.previousQuantity."
            + " Fix the event and send it again; nothing was sent.");
  }

  @Test
  void zeroAllocationIsRefused() {
    StockAllocated event =
        StockAllocated.newBuilder(SampleEvents.stockAllocated())
            .setPayload(
                StockAllocatedPayload.newBuilder(SampleEvents.stockAllocated().getPayload())
                    .setQuantity(BigDecimal.ZERO)
                    .build())
            .build();
    assertRefused(
        event,
        "Invalid StockAllocated: must be greater than zero but was 0 at"
            + " $.payload.quantity. Fix the event and send it again; nothing was sent.");
  }

  @Test
  void zeroAdjustmentIsRefused() {
    StockAdjusted event =
        StockAdjusted.newBuilder(SampleEvents.stockAdjusted())
            .setPayload(
                StockAdjustedPayload.newBuilder(SampleEvents.stockAdjusted().getPayload())
                    .setQuantityChange(new BigDecimal("0.000"))
                    .build())
            .build();
    assertRefused(
        event,
        "Invalid StockAdjusted: must not be zero at $.payload.quantityChange."
            + " Fix the event and send it again; nothing was sent.");
  }

  @Test
  void blankAllocationIdIsRefused() {
    AllocationReleased event =
        AllocationReleased.newBuilder(SampleEvents.allocationReleased())
            .setPayload(
                AllocationReleasedPayload.newBuilder(SampleEvents.allocationReleased().getPayload())
                    .setAllocationId("")
                    .build())
            .build();
    assertRefused(
        event,
        "Invalid AllocationReleased: must not be blank at $.payload.allocationId."
            + " Fix the event and send it again; nothing was sent.");
  }

  @Test
  void everyViolationIsListedAtOnce() {
    // Copying a record (newBuilder(record)) re-encodes its decimals, so the invalid payload is set
    // last.
    StockLevelChanged event =
        StockLevelChanged.newBuilder(SampleEvents.stockLevelChanged())
            .setEventType("STOCK_ADJUSTED")
            .setPayload(
                payload()
                    .setProductId("")
                    .setLocationId(" ")
                    .setPreviousQuantity(new BigDecimal("-1"))
                    .setNewQuantity(new BigDecimal("0.0001"))
                    .build())
            .build();
    event.getMetadata().put("correlationId", "");

    assertThatThrownBy(() -> publisher.publish(event))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        "must not be blank at $.payload.productId",
                        "must not be blank at $.payload.locationId",
                        "must not be negative but was -1 at $.payload.previousQuantity",
                        "has 4 decimal places but decimal(18,3) allows at most 3 (was 0.0001) at"
                            + " $.payload.newQuantity",
                        "must not be blank at $.metadata.correlationId",
                        "must be STOCK_LEVEL_CHANGED for StockLevelChanged but was STOCK_ADJUSTED"
                            + " at $.eventType"));
  }
}
