package io.inventory.events.conformance.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.client.Environment;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After the first use of each schema, producing and consuming make no registry call, counted on the
 * wire by a proxy; with the registry gone (the proxy shut), traffic goes on.
 */
@ExtendWith(InventoryStackExtension.class)
class RegistryOutageTest {

  @Test
  void afterWarmUpTenThousandEventsMakeNoRegistryRequestAndSurviveAnOutage(InventoryStack stack)
      throws Exception {
    String topic = stack.createTopic(3);
    try (CountingRegistryProxy proxy = new CountingRegistryProxy(stack.schemaRegistryUrl());
        InventoryEventPublisher publisher = publisher(stack, topic, proxy)) {
      String registryUrl = proxy.url(stack.schemaRegistryUrl());

      List<SpecificRecord> warmUp = SampleEvents.all();
      publishAll(publisher, warmUp);
      Topics.readEvents(stack.bootstrapServers(), registryUrl, topic, warmUp.size());
      int afterWarmUp = proxy.requestCount();
      assertThat(afterWarmUp).as("warm-up: one lookup per schema, one fetch per id").isEqualTo(12);

      List<SpecificRecord> bulk = numbered(10_000);
      publishAll(publisher, bulk);
      assertThat(proxy.requests()).hasSize(afterWarmUp);

      proxy.close();
      List<SpecificRecord> duringOutage = numbered(100);
      publishAll(publisher, duringOutage);
      List<ConsumerRecord<String, Object>> read =
          Topics.readEvents(stack.bootstrapServers(), registryUrl, topic, warmUp.size() + 10_100);

      assertThat(read)
          .extracting(ConsumerRecord::value)
          .hasOnlyElementsOfTypes(SpecificRecord.class)
          .contains(SampleEvents.stocktakeCounted(), duringOutage.get(99));
      assertThat(proxy.requests()).hasSize(afterWarmUp);
    }
  }

  private static InventoryEventPublisher publisher(
      InventoryStack stack, String topic, CountingRegistryProxy proxy) {
    return InventoryEventPublisher.builder()
        .environment(Environment.DEV)
        .topic(topic)
        .bootstrapServers(stack.bootstrapServers())
        .schemaRegistryUrl(proxy.url(stack.schemaRegistryUrl()))
        .property(EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, true)
        .property(ProducerConfig.LINGER_MS_CONFIG, 5)
        .build();
  }

  private static List<SpecificRecord> numbered(int count) {
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> (SpecificRecord) SampleEvents.numbered("PROD-" + (i % 50), i / 50))
        .toList();
  }

  private static void publishAll(InventoryEventPublisher publisher, List<SpecificRecord> events) {
    List<CompletableFuture<RecordMetadata>> sent = events.stream().map(publisher::publish).toList();
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
  }
}
