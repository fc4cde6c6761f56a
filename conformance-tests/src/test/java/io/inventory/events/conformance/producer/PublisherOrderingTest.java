package io.inventory.events.conformance.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.conformance.serde.Topics;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Keys, partitions, order and headers of published events, read back from a real broker. */
@ExtendWith(InventoryStackExtension.class)
class PublisherOrderingTest {
  private static final int PARTITIONS = 6;
  private static final int PRODUCTS = 50;
  private static final int EVENTS_PER_PRODUCT = 20;

  @Test
  void eachProductsEventsLandInItsMurmur2PartitionInSendOrder(InventoryStack stack) {
    String topic = stack.createTopic(PARTITIONS);
    List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
    try (InventoryEventPublisher publisher = StackPublisher.onTopic(stack, topic)) {
      for (int sequence = 0; sequence < EVENTS_PER_PRODUCT; sequence++) {
        for (int product = 0; product < PRODUCTS; product++) {
          sent.add(publisher.publish(SampleEvents.numbered("PROD-" + product, sequence)));
        }
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    List<ConsumerRecord<String, Object>> read =
        Topics.readEvents(
            stack.bootstrapServers(),
            stack.schemaRegistryUrl(),
            topic,
            PRODUCTS * EVENTS_PER_PRODUCT);

    Map<String, List<ConsumerRecord<String, Object>>> byProduct =
        read.stream().collect(Collectors.groupingBy(ConsumerRecord::key));
    assertThat(byProduct).hasSize(PRODUCTS);
    byProduct.forEach(
        (productId, records) -> {
          int expectedPartition =
              Utils.toPositive(Utils.murmur2(productId.getBytes(StandardCharsets.UTF_8)))
                  % PARTITIONS;
          assertThat(records)
              .as(productId)
              .allSatisfy(
                  record -> {
                    assertThat(record.partition()).isEqualTo(expectedPartition);
                    assertThat(((StockLevelChanged) record.value()).getPayload().getProductId())
                        .isEqualTo(productId);
                  });
          assertThat(
                  records.stream()
                      .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                      .map(
                          record ->
                              ((StockLevelChanged) record.value())
                                  .getPayload()
                                  .getNewQuantity()
                                  .intValue())
                      .collect(Collectors.toList()))
              .as("%s in offset order", productId)
              .containsExactlyElementsOf(
                  java.util.stream.IntStream.range(0, EVENTS_PER_PRODUCT).boxed().toList());
        });
    assertThat(read.stream().map(ConsumerRecord::partition).distinct().count())
        .as("50 products spread over the partitions")
        .isGreaterThan(1);
  }

  @Test
  void everyEventCarriesTypeIdAndCorrelationHeadersAndItsProductKey(InventoryStack stack) {
    String topic = stack.createTopic(1);
    try (InventoryEventPublisher publisher = StackPublisher.onTopic(stack, topic)) {
      RecordMetadata metadata = publisher.publish(SampleEvents.stockLevelChanged()).join();
      assertThat(metadata.topic()).isEqualTo(topic);
    }

    ConsumerRecord<String, Object> record =
        Topics.readEvents(stack.bootstrapServers(), stack.schemaRegistryUrl(), topic, 1).get(0);

    assertThat(record.key()).isEqualTo(SampleEvents.PRODUCT_ID);
    assertThat(header(record, "event-type")).isEqualTo("STOCK_LEVEL_CHANGED");
    assertThat(header(record, "event-id"))
        .isEqualTo(SampleEvents.stockLevelChanged().getEventId().toString());
    assertThat(header(record, "correlation-id")).isEqualTo(SampleEvents.CORRELATION_ID);
    assertThat(record.value()).isEqualTo(SampleEvents.stockLevelChanged());
  }

  @Test
  void wholeNumberQuantitiesNeedNoSetScale(InventoryStack stack) {
    String topic = stack.createTopic(1);
    StockLevelChanged unscaled =
        StockLevelChanged.newBuilder(SampleEvents.stockLevelChanged())
            .setPayload(
                io.inventory.events.avro.StockLevelChangedPayload.newBuilder(
                        SampleEvents.stockLevelChanged().getPayload())
                    .setPreviousQuantity(new java.math.BigDecimal("100"))
                    .setNewQuantity(new java.math.BigDecimal("95"))
                    .build())
            .build();
    try (InventoryEventPublisher publisher = StackPublisher.onTopic(stack, topic)) {
      publisher.publish(unscaled).join();
    }

    Object read =
        Topics.readEvents(stack.bootstrapServers(), stack.schemaRegistryUrl(), topic, 1)
            .get(0)
            .value();

    assertThat(read).isEqualTo(SampleEvents.stockLevelChanged());
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
