package io.inventory.events.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import io.inventory.events.client.Environment;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One event through the inventory client, a real broker and a real registry and back: the tests'
 * shared proof that a pair of servers works for the contract.
 */
final class KafkaRoundTrip {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private KafkaRoundTrip() {}

  /**
   * Creates a fresh 3-partition topic and waits until every partition has a leader (producing
   * earlier loses records, KAFKA-15591).
   */
  static String createTopic(String bootstrapServers) throws Exception {
    String topic = "containers-test-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
      Instant deadline = Instant.now().plus(DEADLINE);
      while (Instant.now().isBefore(deadline)) {
        TopicDescription description =
            admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
        if (description.partitions().stream()
            .map(TopicPartitionInfo::leader)
            .allMatch(l -> l != null)) return topic;
        Thread.sleep(50); // polling with a deadline, not synchronisation by sleep
      }
    }
    throw new AssertionError("Partitions of " + topic + " had no leader within " + DEADLINE);
  }

  /** Publishes {@code event} with the inventory publisher and returns what a consumer reads. */
  static ConsumerRecord<String, Object> publishAndReadBack(
      String bootstrapServers, String registryUrl, SpecificRecord event) throws Exception {
    String topic = createTopic(bootstrapServers);
    try (InventoryEventPublisher publisher =
        InventoryEventPublisher.builder()
            .environment(Environment.DEV)
            .topic(topic)
            .bootstrapServers(bootstrapServers)
            .schemaRegistryUrl(registryUrl)
            .property(EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, true)
            .build()) {
      publisher.publish(event).get();
    }
    InventoryEventDeserializer values = new InventoryEventDeserializer();
    values.configure(Map.of(EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl), false);
    try (KafkaConsumer<String, Object> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "containers-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            values)) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, Object>> read = new ArrayList<>();
      Instant deadline = Instant.now().plus(DEADLINE);
      while (read.isEmpty() && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
      assertThat(read).as("records read back from %s", topic).hasSize(1);
      return read.get(0);
    }
  }
}
