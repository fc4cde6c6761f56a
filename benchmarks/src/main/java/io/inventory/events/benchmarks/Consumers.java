package io.inventory.events.benchmarks;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.InventoryEventConsumer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The three consuming sides. Each reads one topic from the beginning in a group of its own, does
 * nothing with the event but count it, and commits the way our consumer does by default: after
 * every poll, asynchronously, the offsets of what it handled.
 */
final class Consumers {
  private Consumers() {}

  /** A running consumer; {@link #close()} stops it and commits. */
  interface Running extends AutoCloseable {
    @Override
    void close();
  }

  /** Ours: the contract's typed consumer with a no-op handler, its own batched commits. */
  static Running ours(
      String bootstrap, String registryUrl, String topic, String group, Tally tally) {
    InventoryEventConsumer consumer =
        InventoryEventConsumer.builder()
            .topic(topic)
            .groupId(group)
            .bootstrapServers(bootstrap)
            .schemaRegistryUrl(registryUrl)
            .on(
                StockLevelChanged.class,
                (event, context) -> tally.handled(Workload.micros(event.getTimestamp())))
            .build()
            .start();
    return consumer::close;
  }

  /** The peer: a poll loop with Apicurio's deserializer, committing as ours does. */
  static Running peer(String bootstrap, String nativeApiUrl, String topic, String group, Tally t) {
    AvroKafkaDeserializer<Object> values = ApicurioPeer.deserializer(nativeApiUrl);
    return loop(
        bootstrap,
        topic,
        group,
        new StringDeserializer(),
        values,
        record -> t.handled(Workload.micros(((StockLevelChanged) record.value()).getTimestamp())));
  }

  /** The floor: a poll loop that does not decode; the send time, if any, is in a header. */
  static Running floor(String bootstrap, String topic, String group, Tally tally) {
    return loop(
        bootstrap,
        topic,
        group,
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer(),
        record -> {
          Header sentAt = record.headers().lastHeader(Producers.SENT_AT_HEADER);
          tally.handled(sentAt == null ? -1 : ByteBuffer.wrap(sentAt.value()).getLong());
        });
  }

  private interface Handler<K, V> {
    void handle(ConsumerRecord<K, V> record);
  }

  private static <K, V> Running loop(
      String bootstrap,
      String topic,
      String group,
      Deserializer<K> keys,
      Deserializer<V> values,
      Handler<K, V> handler) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    AtomicBoolean closing = new AtomicBoolean();
    Thread thread =
        new Thread(
            () -> {
              try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
                consumer.subscribe(List.of(topic));
                Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
                while (!closing.get()) {
                  ConsumerRecords<K, V> records = consumer.poll(Duration.ofMillis(500));
                  for (TopicPartition partition : records.partitions()) {
                    List<ConsumerRecord<K, V>> batch = records.records(partition);
                    for (ConsumerRecord<K, V> record : batch) {
                      handler.handle(record);
                    }
                    long next = batch.get(batch.size() - 1).offset() + 1;
                    handled.put(partition, new OffsetAndMetadata(next));
                  }
                  if (!handled.isEmpty()) {
                    consumer.commitAsync(new HashMap<>(handled), null);
                    handled.clear();
                  }
                }
              }
            },
            "bench-consumer-" + group);
    thread.start();
    return () -> {
      closing.set(true);
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }
}
