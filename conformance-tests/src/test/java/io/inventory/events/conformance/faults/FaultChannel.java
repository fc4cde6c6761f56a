package io.inventory.events.conformance.faults;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.BackOff;
import io.inventory.events.client.DeadLetterPublisher;
import io.inventory.events.client.Environment;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One fault test's channel on a stack: a fresh topic (and its dead-letter topic unless told not
 * to), a consumer group of its own, the publisher and consumer builders preset for it, numbered
 * events spread over a fixed set of products, and what the broker holds, read back raw.
 */
final class FaultChannel implements AutoCloseable {
  static final int PRODUCTS = 60;

  final InventoryStack stack;
  final String topic;
  final String groupId = "faults-" + UUID.randomUUID();
  final int partitions;
  private final Admin admin;

  FaultChannel(InventoryStack stack, int partitions, boolean withDeadLetterTopic) {
    this.stack = stack;
    this.partitions = partitions;
    this.topic = stack.createTopic(partitions);
    if (withDeadLetterTopic) {
      stack.createTopic(DeadLetterPublisher.topicFor(topic), partitions);
    }
    this.admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()));
  }

  /** The {@code index}-th event of a stream: product {@code index % 60}, in order per product. */
  static StockLevelChanged event(int index) {
    return SampleEvents.numbered("PROD-" + (index % PRODUCTS), index / PRODUCTS);
  }

  InventoryEventPublisher.Builder publisher() {
    return publisher(stack.schemaRegistryUrl());
  }

  InventoryEventPublisher.Builder publisher(String registryUrl) {
    return InventoryEventPublisher.builder()
        .environment(Environment.DEV)
        .topic(topic)
        .bootstrapServers(stack.bootstrapServers())
        .schemaRegistryUrl(registryUrl)
        .property(EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, true)
        .property(ProducerConfig.LINGER_MS_CONFIG, 5);
  }

  /** A consumer of this topic and group whose handler counts every event into {@code ledger}. */
  InventoryEventConsumer.Builder consumer(EventLedger ledger) {
    return consumer(ledger, stack.schemaRegistryUrl());
  }

  InventoryEventConsumer.Builder consumer(EventLedger ledger, String registryUrl) {
    return InventoryEventConsumer.builder()
        .bootstrapServers(stack.bootstrapServers())
        .schemaRegistryUrl(registryUrl)
        .topic(topic)
        .groupId(groupId)
        .pollTimeout(Duration.ofMillis(100))
        .backOff(BackOff.fixed(Duration.ofMillis(50), 3))
        .property(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)
        .property(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000)
        .on(StockLevelChanged.class, (event, context) -> ledger.received(event));
  }

  /**
   * Publishes events {@code from} (inclusive) to {@code to} (exclusive), counting each into {@code
   * ledger} once the cluster acknowledged it; returns when all are acknowledged or failed.
   */
  static List<Throwable> publishAll(
      InventoryEventPublisher publisher, EventLedger ledger, int from, int to) {
    List<CompletableFuture<?>> pending = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int i = from; i < to; i++) {
      pending.add(track(publisher, ledger, event(i), failures));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .exceptionally(e -> null)
        .join();
    return failures;
  }

  static CompletableFuture<?> track(
      InventoryEventPublisher publisher,
      EventLedger ledger,
      StockLevelChanged event,
      List<Throwable> failures) {
    return publisher
        .publish(event)
        .whenComplete(
            (metadata, error) -> {
              if (error == null) {
                ledger.sent(event);
              } else {
                synchronized (failures) {
                  failures.add(error);
                }
              }
            });
  }

  /**
   * How many times each eventId was written to the topic, read straight from the broker by the
   * {@code event-id} header the publisher sets (no deserializer involved).
   */
  Map<String, Integer> writtenEventIds() {
    Map<String, Long> end = endOffsets();
    long total = end.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5_000);
    try (KafkaConsumer<byte[], byte[]> reader =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> all = topicPartitions();
      reader.assign(all);
      reader.seekToBeginning(all);
      long[] read = {0};
      Deadlines.await(
          "read back all " + total + " records of " + topic,
          FaultProfile.deadlineFor((int) total),
          () -> {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
              read[0]++;
              Header id = record.headers().lastHeader("event-id");
              counts.merge(id == null ? "?" : new String(id.value(), UTF_8), 1, Integer::sum);
            }
            return read[0] >= total;
          },
          () -> read[0] + " records");
    }
    return counts;
  }

  /** The next offset of each partition of the topic, by partition name. */
  Map<String, Long> endOffsets() {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    topicPartitions().forEach(tp -> request.put(tp, OffsetSpec.latest()));
    Map<String, Long> offsets = new HashMap<>();
    try {
      admin
          .listOffsets(request)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach((tp, info) -> offsets.put(tp.toString(), info.offset()));
    } catch (Exception e) {
      throw new AssertionError("Could not list the offsets of " + topic + ": " + e, e);
    }
    return offsets;
  }

  /** The group's committed offsets, by partition name; absent where it has none. */
  Map<String, Long> committed() {
    Map<String, Long> offsets = new HashMap<>();
    try {
      Map<TopicPartition, OffsetAndMetadata> all =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      all.forEach(
          (tp, offset) -> {
            if (offset != null) offsets.put(tp.toString(), offset.offset());
          });
    } catch (Exception e) {
      throw new AssertionError("Could not read the offsets of group " + groupId + ": " + e, e);
    }
    return offsets;
  }

  Admin admin() {
    return admin;
  }

  List<TopicPartition> topicPartitions() {
    List<TopicPartition> all = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      all.add(new TopicPartition(topic, p));
    }
    return all;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
