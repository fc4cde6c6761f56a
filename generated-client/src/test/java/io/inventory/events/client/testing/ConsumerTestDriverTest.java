package io.inventory.events.client.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.avro.AllocationReleased;
import io.inventory.events.avro.LowStockAlert;
import io.inventory.events.avro.StockAdjusted;
import io.inventory.events.avro.StockAllocated;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.avro.StocktakeCounted;
import io.inventory.events.client.BackOff;
import io.inventory.events.client.ConsumerMetrics;
import io.inventory.events.client.DeadLetterPublisher;
import io.inventory.events.client.Environment;
import io.inventory.events.client.InvalidEventException;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.serde.MalformedFrameException;
import io.inventory.events.client.serde.UnknownSchemaException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ConsumerTestDriver used as a team would: their handlers, the real loop, no broker. */
class ConsumerTestDriverTest {
  private static final TopicPartition P0 = new TopicPartition("inventory.dev.events", 0);

  private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
  private ConsumerTestDriver driver;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  /** A team's consumer wiring: one handler per event type, recording what it saw. */
  private InventoryEventConsumer.Builder everyType() {
    return InventoryEventConsumer.builder()
        .environment(Environment.DEV)
        .backOff(BackOff.fixed(Duration.ofMillis(5), 2))
        .on(StockLevelChanged.class, (event, context) -> handled.add(event.getEventType()))
        .on(LowStockAlert.class, (event, context) -> handled.add(event.getEventType()))
        .on(StockAllocated.class, (event, context) -> handled.add(event.getEventType()))
        .on(AllocationReleased.class, (event, context) -> handled.add(event.getEventType()))
        .on(StockAdjusted.class, (event, context) -> handled.add(event.getEventType()))
        .on(StocktakeCounted.class, (event, context) -> handled.add(event.getEventType()));
  }

  @Test
  void everyEventTypeReachesItsHandlerDecodedAndInOrder() {
    List<SpecificRecord> decoded = Collections.synchronizedList(new ArrayList<>());
    driver =
        ConsumerTestDriver.of(
            InventoryEventConsumer.builder()
                .environment(Environment.DEV)
                .on(SpecificRecord.class, (event, context) -> decoded.add(event)));

    driver.sendAll(SampleEvents.all()).processAll();

    assertThat(decoded).containsExactlyElementsOf(SampleEvents.all());
    assertThat(driver.metrics()).isEqualTo(new ConsumerMetrics(6, 0, 0, 0, 0));
    assertThat(driver.committed()).containsEntry(P0, 6L);
  }

  @Test
  void handlersSeeTheContractsKeyAndHeaders() {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    driver =
        ConsumerTestDriver.of(
            InventoryEventConsumer.builder()
                .environment(Environment.DEV)
                .on(
                    LowStockAlert.class,
                    (event, context) ->
                        seen.add(
                            context.key()
                                + " "
                                + new String(
                                    context.headers().lastHeader("event-type").value(), UTF_8)
                                + " attempt "
                                + context.deliveryAttempt())));

    driver.send(SampleEvents.lowStockAlert()).processAll();

    assertThat(seen).containsExactly("PROD-456 LOW_STOCK_ALERT attempt 1");
  }

  @Test
  void poisonBytesAreDeadLetteredAtOnceWithTheContractsHeadersAndTheNextEventIsProcessed() {
    driver = ConsumerTestDriver.of(everyType());
    byte[] poison = "{\"eventType\":\"STOCK_LEVEL_CHANGED\"}".getBytes(UTF_8);

    driver.sendBytes("PROD-9", poison).send(SampleEvents.stockLevelChanged()).processAll();

    assertThat(handled).containsExactly("STOCK_LEVEL_CHANGED");
    ProducerRecord<byte[], byte[]> dead = driver.deadLetters().get(0);
    assertThat(dead.topic()).isEqualTo("inventory.dev.events.dlt");
    assertThat(dead.partition()).isZero();
    assertThat(dead.key()).isEqualTo("PROD-9".getBytes(UTF_8));
    assertThat(dead.value()).isEqualTo(poison);
    Map<String, String> headers = headers(dead);
    assertThat(headers.keySet()).containsExactlyElementsOf(DeadLetterPublisher.HEADERS);
    assertThat(headers)
        .containsEntry("dlt-original-topic", "inventory.dev.events")
        .containsEntry("dlt-original-partition", "0")
        .containsEntry("dlt-original-offset", "0")
        .containsEntry("dlt-original-timestamp-type", "CreateTime")
        .containsEntry("dlt-exception-class", MalformedFrameException.class.getName())
        .containsEntry("dlt-exception-root-cause-class", MalformedFrameException.class.getName());
    assertThat(headers.get("dlt-exception-message"))
        .startsWith("Record value starts with byte 0x7b, not the Confluent magic byte 0x00")
        .contains("inventory.dev.events", "partition 0", "offset 0");
    assertThat(driver.metrics()).isEqualTo(new ConsumerMetrics(1, 0, 1, 0, 0));
    assertThat(driver.committed()).containsEntry(P0, 2L);
  }

  @Test
  void frameWithAnUnknownSchemaIdIsDeadLetteredAsUnknownSchema() {
    driver = ConsumerTestDriver.of(everyType());
    byte[] frame = ByteBuffer.allocate(6).put((byte) 0).putInt(987_654).put((byte) 2).array();

    driver.sendBytes("PROD-9", frame).processAll();

    assertThat(headers(driver.deadLetters().get(0)))
        .containsEntry("dlt-exception-class", UnknownSchemaException.class.getName());
    assertThat(driver.metrics().retried()).isZero();
  }

  @Test
  void transientHandlerFailureIsRetriedWithTheBackOffAndThenProcessed() {
    AtomicInteger calls = new AtomicInteger();
    List<Integer> attempts = Collections.synchronizedList(new ArrayList<>());
    driver =
        ConsumerTestDriver.of(
            InventoryEventConsumer.builder()
                .environment(Environment.DEV)
                .backOff(BackOff.fixed(Duration.ofMillis(5), 3))
                .on(
                    StockAdjusted.class,
                    (event, context) -> {
                      attempts.add(context.deliveryAttempt());
                      if (calls.incrementAndGet() <= 2) {
                        throw new IllegalStateException("ledger locked");
                      }
                    }));

    driver.send(SampleEvents.stockAdjusted()).processAll();

    assertThat(attempts).containsExactly(1, 2, 3);
    assertThat(driver.deadLetters()).isEmpty();
    assertThat(driver.metrics()).isEqualTo(new ConsumerMetrics(1, 2, 0, 0, 0));
  }

  @Test
  void handlerFailingPastItsRetriesIsDeadLetteredAndLaterEventsOfTheProductFollow() {
    driver =
        ConsumerTestDriver.of(
            InventoryEventConsumer.builder()
                .environment(Environment.DEV)
                .backOff(BackOff.fixed(Duration.ofMillis(5), 2))
                .on(
                    StockLevelChanged.class,
                    (event, context) -> {
                      handled.add(event.getPayload().getNewQuantity().toPlainString());
                      if (event.getPayload().getNewQuantity().intValue() == 1) {
                        throw new IllegalStateException(
                            "warehouse offline", new java.io.IOException("timeout"));
                      }
                    }));

    driver
        .send(SampleEvents.numbered("PROD-1", 1))
        .send(SampleEvents.numbered("PROD-1", 2))
        .processAll();

    assertThat(handled).containsExactly("1.000", "1.000", "1.000", "2.000");
    assertThat(headers(driver.deadLetters().get(0)))
        .containsEntry("dlt-exception-class", "java.lang.IllegalStateException")
        .containsEntry("dlt-exception-message", "warehouse offline")
        .containsEntry("dlt-exception-root-cause-class", "java.io.IOException")
        .containsEntry("event-type", "STOCK_LEVEL_CHANGED");
    assertThat(driver.metrics()).isEqualTo(new ConsumerMetrics(1, 2, 1, 0, 0));
  }

  @Test
  void unknownEventTypeGoesToTheUnknownHandlerAndIsNeverDeadLettered() {
    List<String> unknown = Collections.synchronizedList(new ArrayList<>());
    driver =
        ConsumerTestDriver.of(
            everyType().onUnknown((event, context) -> unknown.add(event.recordName())));

    driver
        .sendUnknownType("io.inventory.events.avro.StockTransferred", "PROD-456")
        .send(SampleEvents.stocktakeCounted())
        .processAll();

    assertThat(unknown).containsExactly("io.inventory.events.avro.StockTransferred");
    assertThat(handled).containsExactly("STOCKTAKE_COUNTED");
    assertThat(driver.deadLetters()).isEmpty();
    assertThat(driver.metrics()).isEqualTo(new ConsumerMetrics(1, 0, 0, 1, 0));
  }

  @Test
  void eventTypeWithoutAHandlerAndTombstonesAreSkipped() {
    driver =
        ConsumerTestDriver.of(
            InventoryEventConsumer.builder()
                .environment(Environment.DEV)
                .on(StockLevelChanged.class, (event, context) -> handled.add("changed")));

    driver.send(SampleEvents.lowStockAlert()).sendBytes("PROD-456", null).processAll();

    assertThat(handled).isEmpty();
    assertThat(driver.metrics()).isEqualTo(new ConsumerMetrics(0, 0, 0, 0, 2));
  }

  @Test
  void aRetriedProductDoesNotHoldBackProductsOnOtherPartitions() {
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    driver =
        ConsumerTestDriver.of(
            InventoryEventConsumer.builder()
                .environment(Environment.DEV)
                .backOff(BackOff.fixed(Duration.ofMillis(200), 1))
                .on(
                    StockLevelChanged.class,
                    (event, context) -> {
                      String product = event.getPayload().getProductId();
                      if (product.equals("PROD-A") && failures.incrementAndGet() == 1) {
                        throw new IllegalStateException("once");
                      }
                      order.add(product + "#" + event.getPayload().getNewQuantity().intValue());
                    }),
            8);
    List<String> products = List.of("PROD-A", "PROD-B", "PROD-C");

    for (int sequence = 1; sequence <= 3; sequence++) {
      for (String product : products) {
        driver.send(SampleEvents.numbered(product, sequence));
      }
    }
    driver.processAll();

    for (String product : products) {
      assertThat(order.stream().filter(entry -> entry.startsWith(product + "#")))
          .containsExactly(product + "#1", product + "#2", product + "#3");
    }
    assertThat(order.get(order.size() - 1)).startsWith("PROD-A");
  }

  @Test
  void invalidEventIsRefusedAtSendAsThePublisherWouldRefuseIt() {
    driver = ConsumerTestDriver.of(everyType());
    StockLevelChanged invalid =
        StockLevelChanged.newBuilder(SampleEvents.stockLevelChanged()).setEventType("").build();

    assertThatThrownBy(() -> driver.send(invalid)).isInstanceOf(InvalidEventException.class);
  }

  @Test
  void processAllSaysWhatIsUnfinishedWhenTheBackOffOutlastsTheTimeout() {
    driver =
        ConsumerTestDriver.of(
            InventoryEventConsumer.builder()
                .environment(Environment.DEV)
                .backOff(BackOff.fixed(Duration.ofSeconds(30), 1))
                .on(
                    StockLevelChanged.class,
                    (event, context) -> {
                      throw new IllegalStateException("down");
                    }));

    driver.send(SampleEvents.stockLevelChanged());

    assertThatThrownBy(() -> driver.processAll(Duration.ofMillis(300)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "Records still unfinished after PT0.3S: inventory.dev.events-0 committed 0 of 1;")
        .hasMessageContaining("shorter backOff");
  }

  private static Map<String, String> headers(ProducerRecord<byte[], byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      if (header.key().startsWith("dlt-") || header.key().equals("event-type")) {
        headers.put(header.key(), new String(header.value(), UTF_8));
      }
    }
    return headers;
  }
}
