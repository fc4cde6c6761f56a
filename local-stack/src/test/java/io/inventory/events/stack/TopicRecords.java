package io.inventory.events.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces and reads string records as a team's test would: an idempotent producer with {@code
 * acks=all}, and a consumer in a fresh group reading from the earliest offset, both with the
 * stack's {@link InventoryStack#clientProperties() client properties} (secured or not).
 */
final class TopicRecords {
  private TopicRecords() {}

  /** Sends one record and waits for the acknowledgement of every in-sync replica. */
  static RecordMetadata send(InventoryStack stack, String topic, String key, String value)
      throws Exception {
    Map<String, Object> config = stack.clientProperties();
    config.putAll(
        Map.of(
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            30_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000));
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      return producer.send(new ProducerRecord<>(topic, key, value)).get(40, TimeUnit.SECONDS);
    }
  }

  /** Reads from the start of the topic until {@code count} records arrived or 30 s passed. */
  static List<ConsumerRecord<String, String>> read(InventoryStack stack, String topic, int count) {
    Map<String, Object> config = stack.clientProperties();
    config.putAll(
        Map.of(
            ConsumerConfig.GROUP_ID_CONFIG,
            "stack-test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false));
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Deadline deadline = Deadline.after(Duration.ofSeconds(30));
      while (received.size() < count && !deadline.expired()) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
    }
    return received;
  }
}
