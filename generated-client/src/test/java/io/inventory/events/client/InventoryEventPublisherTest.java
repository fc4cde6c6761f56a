package io.inventory.events.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.avro.StockLevelChanged;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The publisher over Kafka's MockProducer: the way teams test their own publishing code. */
class InventoryEventPublisherTest {
  private final MockProducer<String, SpecificRecord> producer =
      new MockProducer<>(true, null, new StringSerializer(), (topic, event) -> new byte[0]);
  private final InventoryEventPublisher publisher =
      InventoryEventPublisher.builder().environment(Environment.PROD).producer(producer).build();

  @Test
  void sendsToTheEnvironmentsTopicKeyedByProductIdWithHeaders() {
    RecordMetadata metadata = publisher.publish(TestEvents.seedExample()).join();

    assertThat(metadata.topic()).isEqualTo("inventory.prod.events");
    ProducerRecord<String, SpecificRecord> sent = producer.history().get(0);
    assertThat(sent.key()).isEqualTo("PROD-456");
    assertThat(header(sent, "event-type")).isEqualTo("STOCK_LEVEL_CHANGED");
    assertThat(header(sent, "event-id")).isEqualTo("6f1c1f6e-3d5a-4f4e-9c1a-000000000001");
    assertThat(header(sent, "correlation-id")).isEqualTo("inv-xyz-123");
  }

  @Test
  void invalidEventIsRefusedAndNothingIsSent() {
    StockLevelChanged event =
        TestEvents.seedBuilder()
            .setPayload(TestEvents.payloadBuilder().setNewQuantity(new BigDecimal("-5")).build())
            .build();

    assertThatThrownBy(() -> publisher.publish(event))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage(
            "Invalid StockLevelChanged: must not be negative but was -5 at"
                + " $.payload.newQuantity. Fix the event and send it again; nothing was sent.");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void brokerFailureCompletesTheFutureExceptionally() {
    MockProducer<String, SpecificRecord> failing =
        new MockProducer<>(false, null, new StringSerializer(), (topic, event) -> new byte[0]);
    InventoryEventPublisher publisher =
        InventoryEventPublisher.builder().environment(Environment.DEV).producer(failing).build();

    var sent = publisher.publish(TestEvents.seedExample());
    failing.errorNext(new org.apache.kafka.common.errors.TimeoutException("no broker"));

    assertThat(sent).isCompletedExceptionally();
  }

  @Test
  void closeClosesTheProducer() {
    publisher.close();
    assertThat(producer.closed()).isTrue();
  }

  private static String header(ProducerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
