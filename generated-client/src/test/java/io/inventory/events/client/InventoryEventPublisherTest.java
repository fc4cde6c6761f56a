package io.inventory.events.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.avro.StockLevelChangedPayload;
import io.inventory.events.client.testing.SampleEvents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The publisher over Kafka's MockProducer: the way teams test their own publishing code. */
class InventoryEventPublisherTest {
  private final MockProducer<String, SpecificRecord> producer =
      new MockProducer<>(true, null, new StringSerializer(), (topic, event) -> new byte[0]);
  private final InventoryEventPublisher publisher =
      InventoryEventPublisher.builder()
          .environment(Environment.PROD)
          .kafkaProducer(config -> producer)
          .build();

  @Test
  void sendsToTheEnvironmentsTopicKeyedByProductIdWithHeaders() {
    RecordMetadata metadata = publisher.publish(SampleEvents.stockLevelChanged()).join();

    assertThat(metadata.topic()).isEqualTo("inventory.prod.events");
    ProducerRecord<String, SpecificRecord> sent = producer.history().get(0);
    assertThat(sent.key()).isEqualTo(SampleEvents.PRODUCT_ID);
    assertThat(header(sent, "event-type")).isEqualTo("STOCK_LEVEL_CHANGED");
    assertThat(header(sent, "event-id")).isEqualTo("6f1c1f6e-3d5a-4f4e-9c1a-000000000001");
    assertThat(header(sent, "correlation-id")).isEqualTo(SampleEvents.CORRELATION_ID);
  }

  @Test
  void invalidEventIsRefusedAndNothingIsSent() {
    StockLevelChanged sample = SampleEvents.stockLevelChanged();
    StockLevelChanged event =
        StockLevelChanged.newBuilder(sample)
            .setPayload(
                StockLevelChangedPayload.newBuilder(sample.getPayload())
                    .setNewQuantity(new BigDecimal("-5"))
                    .build())
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
        InventoryEventPublisher.builder()
            .environment(Environment.DEV)
            .kafkaProducer(config -> failing)
            .build();

    var sent = publisher.publish(SampleEvents.stockLevelChanged());
    failing.errorNext(new org.apache.kafka.common.errors.TimeoutException("no broker"));

    assertThat(sent).isCompletedExceptionally();
  }

  @Test
  void closeClosesTheProducerTheFactoryMade() {
    publisher.close();
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void serdeKeysConfigureTheSerializerAndNeverReachTheProducer() {
    List<Map<String, Object>> configs = new ArrayList<>();
    InventoryEventPublisher.builder()
        .environment(Environment.DEV)
        .bootstrapServers("localhost:9092")
        .schemaRegistryUrl("http://localhost:8081")
        .properties(Map.of("auto.register.schemas", true, "linger.ms", 5))
        .kafkaProducer(
            config -> {
              configs.add(config);
              return producer;
            })
        .build();

    assertThat(configs.get(0))
        .containsEntry("bootstrap.servers", "localhost:9092")
        .containsEntry("linger.ms", 5)
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .doesNotContainKeys("schema.registry.url", "auto.register.schemas");
  }

  @Test
  void aSerializerHandedInStaysOpenWhenThePublisherCloses() {
    AtomicBoolean closed = new AtomicBoolean();
    Serializer<Object> handedIn =
        new Serializer<>() {
          @Override
          public byte[] serialize(String topic, Object event) {
            return new byte[0];
          }

          @Override
          public void close() {
            closed.set(true);
          }
        };

    InventoryEventPublisher.builder()
        .environment(Environment.DEV)
        .bootstrapServers("127.0.0.1:9")
        .valueSerializer(handedIn)
        .build()
        .close(Duration.ZERO);

    assertThat(closed).isFalse();
  }

  @Test
  void aValueSerializerClassIsRefusedInFavourOfAnInstance() {
    assertThatThrownBy(
            () -> InventoryEventPublisher.builder().property("value.serializer", "x.Serializer"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Remove value.serializer: give a configured serializer to valueSerializer(...)"
                + " instead; serde settings never reach the Kafka producer.");
  }

  private static String header(ProducerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
