package io.inventory.events.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.avro.LowStockAlert;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.avro.StockLevelChangedPayload;
import io.inventory.events.client.BackOff;
import io.inventory.events.client.ConsumerMetrics;
import io.inventory.events.client.DeadLetterPublisher;
import io.inventory.events.client.Environment;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.testing.ConsumerTestDriver;
import io.inventory.events.client.testing.RecordingPublisher;
import io.inventory.events.client.testing.SampleEvents;
import java.math.BigDecimal;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service's handler logic with the client's test doubles only: no broker, no registry, no
 * Spring context. The same ledger runs under Spring Kafka in {@link SpringKafkaContractTest}.
 */
class StockLedgerTest {
  private final RecordingPublisher alerts = RecordingPublisher.create(Environment.DEV);
  private final StockLedger ledger = new StockLedger(alerts.publisher(), new BigDecimal("10"));
  private final ConsumerTestDriver driver =
      ConsumerTestDriver.of(
          InventoryEventConsumer.builder()
              .environment(Environment.DEV)
              .on(SpecificRecord.class, (event, context) -> ledger.apply(event))
              .backOff(BackOff.fixed(Duration.ofMillis(10), 2)));

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void everyEventTypeIsAppliedInOrder() {
    driver.sendAll(SampleEvents.all()).processAll();

    assertThat(ledger.applied()).containsExactlyElementsOf(SampleEvents.all());
    assertThat(ledger.quantity(SampleEvents.PRODUCT_ID)).isEqualByComparingTo("95");
    assertThat(alerts.published()).isEmpty();
  }

  @Test
  void aDropBelowTheReorderPointPublishesOneLowStockAlert() {
    driver.send(change("PROD-1", "12", "8")).send(change("PROD-1", "8", "6")).processAll();

    assertThat(alerts.events(LowStockAlert.class))
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.getPayload().getProductId()).isEqualTo("PROD-1");
              assertThat(alert.getPayload().getCurrentQuantity()).isEqualByComparingTo("8");
            });
    assertThat(alerts.published().get(0).key()).isEqualTo("PROD-1");
  }

  @Test
  void aRefusedProductIsRetriedThenDeadLetteredAndTheNextEventIsApplied() {
    driver
        .send(change(StockLedger.REJECTED_PRODUCT, "5", "4"))
        .send(change("PROD-2", "30", "20"))
        .processAll();

    assertThat(driver.deadLetters())
        .singleElement()
        .satisfies(
            dead ->
                assertThat(
                        new String(
                            dead.headers()
                                .lastHeader(DeadLetterPublisher.EXCEPTION_MESSAGE_HEADER)
                                .value()))
                    .isEqualTo(StockLedger.REJECTION));
    assertThat(ledger.quantity("PROD-2")).isEqualByComparingTo("20");
    assertThat(driver.metrics()).isEqualTo(new ConsumerMetrics(1, 2, 1, 0, 0));
  }

  @Test
  void anUnknownEventTypeNeverReachesTheLedgerNorTheDeadLetterTopic() {
    driver.sendUnknownType("io.inventory.events.avro.StockTransferred", "PROD-3").processAll();

    assertThat(ledger.applied()).isEmpty();
    assertThat(driver.deadLetters()).isEmpty();
    assertThat(driver.metrics().unknown()).isEqualTo(1);
  }

  /** A stock change of {@code productId}, quantities at the schema's scale as a decoded one has. */
  static StockLevelChanged change(String productId, String previous, String next) {
    StockLevelChanged sample = SampleEvents.stockLevelChanged();
    return StockLevelChanged.newBuilder(sample)
        .setPayload(
            StockLevelChangedPayload.newBuilder(sample.getPayload())
                .setProductId(productId)
                .setPreviousQuantity(SampleEvents.quantity(previous))
                .setNewQuantity(SampleEvents.quantity(next))
                .build())
        .build();
  }
}
