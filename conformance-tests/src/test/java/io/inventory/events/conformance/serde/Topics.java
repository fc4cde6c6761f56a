package io.inventory.events.conformance.serde;

import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reading a test topic back: every record from the beginning, polled until a deadline. */
public final class Topics {
  private Topics() {}

  /** The first {@code count} records of {@code topic}, decoded by our deserializer. */
  public static List<ConsumerRecord<String, Object>> readEvents(
      String bootstrapServers, String registryUrl, String topic, int count) {
    InventoryEventDeserializer deserializer = new InventoryEventDeserializer();
    deserializer.configure(Map.of(EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl), false);
    return read(bootstrapServers, topic, count, deserializer);
  }

  /** The first {@code count} records of {@code topic}, as raw bytes. */
  public static List<ConsumerRecord<String, byte[]>> readBytes(
      String bootstrapServers, String topic, int count) {
    return read(bootstrapServers, topic, count, new ByteArrayDeserializer());
  }

  /** Sum of the end offsets of every partition of {@code topic}: how many records it holds. */
  public static long recordCount(String bootstrapServers, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            config(bootstrapServers), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      return consumer.endOffsets(partitions, Duration.ofSeconds(30)).values().stream()
          .mapToLong(Long::longValue)
          .sum();
    }
  }

  private static <V> List<ConsumerRecord<String, V>> read(
      String bootstrapServers, String topic, int count, Deserializer<V> values) {
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config(bootstrapServers), new StringDeserializer(), values)) {
      consumer.assign(partitions(consumer, topic));
      consumer.seekToBeginning(consumer.assignment());
      Instant deadline = Instant.now().plusSeconds(60);
      while (records.size() < count && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    if (records.size() < count) {
      throw new AssertionError(
          "Read " + records.size() + " of " + count + " records from " + topic + " within 60 s");
    }
    return records;
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
    return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .collect(Collectors.toList());
  }

  private static Map<String, Object> config(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return config;
  }
}
