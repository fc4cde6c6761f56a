package io.inventory.events.conformance.consumer;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.BackOff;
import io.inventory.events.client.DeadLetterPublisher;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventSerializer;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * A fresh source topic and its dead-letter topic ({@code <topic>.dlt}, same partition count) on the
 * shared stack, with a consumer group of its own: writes events through the real serializer (or raw
 * bytes), reads the dead-letter topic and the group's committed offsets, and presets consumer
 * builders. One per test.
 */
final class TopicUnderTest implements AutoCloseable {
  static final Duration DEADLINE = Duration.ofSeconds(60);

  final InventoryStack stack;
  final String topic;
  final String deadLetterTopic;
  final String groupId;
  final int partitions;
  private final InventoryEventSerializer serializer = new InventoryEventSerializer();
  private final KafkaProducer<String, byte[]> producer;
  private final Admin admin;

  TopicUnderTest(InventoryStack stack, int partitions) {
    this.stack = stack;
    this.partitions = partitions;
    this.topic = stack.createTopic(partitions);
    this.deadLetterTopic = DeadLetterPublisher.topicFor(topic);
    stack.createTopic(deadLetterTopic, partitions);
    this.groupId = "group-" + UUID.randomUUID();
    serializer.configure(
        Map.of(
            EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
            stack.schemaRegistryUrl(),
            EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG,
            true),
        false);
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true),
            new StringSerializer(),
            new ByteArraySerializer());
    this.admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()));
  }

  /** A consumer of this topic and group, retrying fast (20 ms, 3 times) so tests stay short. */
  InventoryEventConsumer.Builder consumer() {
    return InventoryEventConsumer.builder()
        .bootstrapServers(stack.bootstrapServers())
        .schemaRegistryUrl(stack.schemaRegistryUrl())
        .topic(topic)
        .groupId(groupId)
        .backOff(BackOff.fixed(Duration.ofMillis(20), 3))
        .pollTimeout(Duration.ofMillis(100));
  }

  /** Writes the event keyed by its productId, as the publisher does; returns where it landed. */
  RecordMetadata send(String productId, SpecificRecord event) {
    return sendBytes(productId, serializer.serialize(topic, event));
  }

  RecordMetadata sendBytes(String key, byte[] value) {
    try {
      return producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("Could not write to " + topic + ": " + e, e);
    }
  }

  /** The frame the real serializer writes for {@code event}. */
  byte[] frame(SpecificRecord event) {
    return serializer.serialize(topic, event);
  }

  /** Every record of the dead-letter topic, once it holds at least {@code expected}. */
  List<ConsumerRecord<byte[], byte[]>> deadLetters(int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (KafkaConsumer<byte[], byte[]> reader =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> all = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        all.add(new TopicPartition(deadLetterTopic, p));
      }
      reader.assign(all);
      reader.seekToBeginning(all);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      await(
          "dead-letter topic " + deadLetterTopic + " holds " + expected + " records",
          () -> {
            reader.poll(Duration.ofMillis(100)).forEach(records::add);
            return records.size() >= expected;
          });
      return records;
    }
  }

  /** How many records the dead-letter topic holds right now. */
  long deadLetterCount() {
    return endOffsets(deadLetterTopic).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The next offset of each partition of {@code name}. */
  Map<Integer, Long> endOffsets(String name) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      request.put(new TopicPartition(name, p), OffsetSpec.latest());
    }
    Map<Integer, Long> offsets = new HashMap<>();
    try {
      admin
          .listOffsets(request)
          .all()
          .get()
          .forEach((tp, info) -> offsets.put(tp.partition(), info.offset()));
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("Could not list offsets of " + name + ": " + e, e);
    }
    return offsets;
  }

  /** The group's committed offset per partition of the source topic; absent where none. */
  Map<Integer, Long> committed() {
    Map<Integer, Long> offsets = new HashMap<>();
    try {
      Map<TopicPartition, OffsetAndMetadata> all =
          admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
      all.forEach(
          (tp, offset) -> {
            if (tp.topic().equals(topic) && offset != null) {
              offsets.put(tp.partition(), offset.offset());
            }
          });
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("Could not read the offsets of group " + groupId + ": " + e, e);
    }
    return offsets;
  }

  /** Waits until the group has committed the end of every partition. */
  void awaitFullyCommitted() {
    Map<Integer, Long> end = endOffsets(topic);
    end.values().removeIf(offset -> offset == 0);
    await("group " + groupId + " committed " + end, () -> committed().equals(end));
  }

  /**
   * Product ids ({@code PROD-n}) that Kafka's default partitioner (murmur2 of the UTF-8 key)
   * spreads evenly: {@code perPartition} of them on each partition, so every partition carries the
   * same load.
   */
  List<String> productsSpreadEvenly(int perPartition) {
    Map<Integer, List<String>> byPartition = new HashMap<>();
    List<String> products = new ArrayList<>();
    for (int n = 0; products.size() < perPartition * partitions; n++) {
      String product = "PROD-" + n;
      int partition = Utils.toPositive(Utils.murmur2(product.getBytes(UTF_8))) % partitions;
      List<String> here = byPartition.computeIfAbsent(partition, p -> new ArrayList<>());
      if (here.size() < perPartition) {
        here.add(product);
        products.add(product);
      }
    }
    return products;
  }

  /** The sequence number {@link SampleEvents#numbered} gave an event. */
  static int sequence(StockLevelChanged event) {
    return event.getPayload().getNewQuantity().intValue();
  }

  static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, UTF_8);
  }

  /** Polls {@code condition} until it holds; fails naming {@code what} after {@link #DEADLINE}. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Timed out after " + DEADLINE.toSeconds() + " s waiting until " + what);
      }
      try {
        Thread.sleep(20); // polling interval only; the condition decides
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting until " + what, e);
      }
    }
  }

  /** As {@link #await}, with the current value in the failure message. */
  static <T> void await(String what, Supplier<T> value, java.util.function.Predicate<T> condition) {
    try {
      await(what, () -> condition.test(value.get()));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + " (last: " + value.get() + ")", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
