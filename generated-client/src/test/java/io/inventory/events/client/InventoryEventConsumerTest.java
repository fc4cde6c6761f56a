package io.inventory.events.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.client.serde.UnknownEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poll loop against Kafka's MockConsumer: ordering, retries, dead letters, commits. */
class InventoryEventConsumerTest {
  private static final String TOPIC = "inventory.dev.events";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  /** Values are text: "garbage" fails to decode, "unknown:Name" is a type without a class. */
  private static final Deserializer<Object> TEXT =
      (topic, bytes) -> {
        String text = new String(bytes, UTF_8);
        if (text.equals("garbage")) {
          throw new SerializationException("Unknown magic byte at " + topic);
        }
        if (text.startsWith("unknown:")) {
          return new UnknownEvent(text.substring(8), 99);
        }
        return text;
      };

  private final ReplayingMockConsumer kafka = new ReplayingMockConsumer();
  private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
  private final List<String> deadLettered = Collections.synchronizedList(new ArrayList<>());
  private InventoryEventConsumer consumer;

  @AfterEach
  void closeConsumer() {
    if (consumer != null) {
      consumer.close();
    }
  }

  @Test
  void retriedRecordIsNotOvertakenByLaterRecordsOfItsPartition() {
    Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    consumer =
        builder()
            .on(
                String.class,
                (event, context) -> {
                  handled.add(event);
                  if (event.equals("a2")
                      && failures.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet()
                          <= 2) {
                    throw new IllegalStateException("transient");
                  }
                })
            .build();
    kafka.assignOnFirstPoll(
        List.of(P0, P1),
        List.of(
            record(P0, 0, "a1"),
            record(P0, 1, "a2"),
            record(P0, 2, "a3"),
            record(P1, 0, "b1"),
            record(P1, 1, "b2")));

    consumer.start();
    await(() -> committed(P0) == 3 && committed(P1) == 2);

    assertThat(ofPartition("a")).containsExactly("a1", "a2", "a2", "a2", "a3");
    assertThat(ofPartition("b")).containsExactly("b1", "b2");
    assertThat(consumer.metrics()).isEqualTo(new ConsumerMetrics(5, 2, 0, 0, 0));
  }

  @Test
  void undecodableRecordIsDeadLetteredAtOnceAndTheNextOneProcessed() {
    consumer = builder().on(String.class, (event, context) -> handled.add(event)).build();
    kafka.assignOnFirstPoll(List.of(P0), List.of(record(P0, 0, "garbage"), record(P0, 1, "a2")));

    consumer.start();
    await(() -> committed(P0) == 2);

    assertThat(deadLettered).containsExactly("garbage@0 SerializationException");
    assertThat(handled).containsExactly("a2");
    assertThat(consumer.metrics()).isEqualTo(new ConsumerMetrics(1, 0, 1, 0, 0));
  }

  @Test
  void handlerFailingPastItsRetriesIsDeadLettered() {
    consumer =
        builder()
            .on(
                String.class,
                (event, context) -> {
                  handled.add(event);
                  if (event.equals("a1")) {
                    throw new IllegalStateException("always");
                  }
                })
            .build();
    kafka.assignOnFirstPoll(List.of(P0), List.of(record(P0, 0, "a1"), record(P0, 1, "a2")));

    consumer.start();
    await(() -> committed(P0) == 2);

    assertThat(handled).containsExactly("a1", "a1", "a1", "a1", "a2");
    assertThat(deadLettered).containsExactly("a1@0 IllegalStateException");
    assertThat(consumer.metrics()).isEqualTo(new ConsumerMetrics(1, 3, 1, 0, 0));
  }

  @Test
  void notRetryableFailureSkipsTheRetries() {
    consumer =
        builder()
            .notRetryable(UnsupportedOperationException.class)
            .on(
                String.class,
                (event, context) -> {
                  handled.add(event);
                  throw new IllegalStateException(
                      "wrapped", new UnsupportedOperationException("never works"));
                })
            .build();
    kafka.assignOnFirstPoll(List.of(P0), List.of(record(P0, 0, "a1")));

    consumer.start();
    await(() -> committed(P0) == 1);

    assertThat(handled).containsExactly("a1");
    assertThat(consumer.metrics().retried()).isZero();
  }

  @Test
  void offsetStaysUncommittedUntilTheDeadLetterWriteSucceeds() {
    AtomicInteger writes = new AtomicInteger();
    List<Long> committedDuringFailedWrites = Collections.synchronizedList(new ArrayList<>());
    consumer =
        builder()
            .on(String.class, (event, context) -> handled.add(event))
            .deadLetterBackOff(BackOff.fixed(Duration.ofMillis(10), Integer.MAX_VALUE))
            .deadLetterPublisher(
                (record, cause) -> {
                  if (writes.incrementAndGet() <= 3) {
                    committedDuringFailedWrites.add(committed(P0));
                    throw new IllegalStateException("broker down");
                  }
                  deadLettered.add(new String(record.value(), UTF_8));
                })
            .build();
    kafka.assignOnFirstPoll(
        List.of(P0), List.of(record(P0, 0, "a1"), record(P0, 1, "garbage"), record(P0, 2, "a3")));

    consumer.start();
    await(() -> committed(P0) == 3);

    assertThat(writes).hasValue(4);
    assertThat(committedDuringFailedWrites).allSatisfy(offset -> assertThat(offset).isLessThan(2L));
    assertThat(handled).containsExactly("a1", "a3");
    assertThat(deadLettered).containsExactly("garbage");
  }

  @Test
  void deadLetterBackOffGivingUpStopsTheConsumerBeforeTheRecordSayingWhy() {
    AtomicInteger writes = new AtomicInteger();
    consumer =
        builder()
            .on(String.class, (event, context) -> handled.add(event))
            .deadLetterBackOff(BackOff.fixed(Duration.ofMillis(10), 2))
            .deadLetterPublisher(
                (record, cause) -> {
                  writes.incrementAndGet();
                  throw new IllegalStateException("topic inventory.dev.events.dlt is missing");
                })
            .build();
    kafka.assignOnFirstPoll(
        List.of(P0), List.of(record(P0, 0, "a1"), record(P0, 1, "garbage"), record(P0, 2, "a3")));

    assertThatThrownBy(consumer::run)
        .isInstanceOf(org.apache.kafka.common.KafkaException.class)
        .hasMessage(
            "Stopped before inventory.dev.events-0@1: it could not be dead-lettered after 3"
                + " attempt(s) and the dead-letter back-off gave up. Nothing after it in its"
                + " partition was committed; fix the dead-letter topic and start the consumer"
                + " again. Last write failure: java.lang.IllegalStateException: topic"
                + " inventory.dev.events.dlt is missing");
    assertThat(writes).hasValue(3);
    assertThat(handled).containsExactly("a1");
    assertThat(kafka.committedAtClose(P0)).as("a1 committed, nothing past it").isEqualTo(1L);
  }

  @Test
  void recordWaitingForAnUnreachableRegistryIsRetriedPastTheBackOffAndNeverDeadLettered() {
    RuntimeException registryDown = unreachableRegistryError();
    AtomicInteger decodes = new AtomicInteger();
    consumer =
        builder()
            .valueDeserializer(
                (topic, bytes) -> {
                  String text = new String(bytes, UTF_8);
                  if (text.equals("new-type") && decodes.incrementAndGet() <= 8) {
                    throw registryDown; // 3 retries of the back-off, then 5 waits for the registry
                  }
                  return text;
                })
            .deadLetterBackOff(BackOff.fixed(Duration.ofMillis(10), Integer.MAX_VALUE))
            .on(String.class, (event, context) -> handled.add(event))
            .build();
    kafka.assignOnFirstPoll(
        List.of(P0), List.of(record(P0, 0, "a1"), record(P0, 1, "new-type"), record(P0, 2, "a3")));

    consumer.start();
    await(() -> committed(P0) == 3);

    assertThat(handled).containsExactly("a1", "new-type", "a3");
    assertThat(deadLettered).isEmpty();
    assertThat(decodes).hasValue(9);
  }

  /** What the serde throws when the registry does not answer: a real client, a closed port. */
  private static RuntimeException unreachableRegistryError() {
    io.inventory.events.registry.SchemaRegistryClient client =
        new io.inventory.events.registry.SchemaRegistryClient(
            io.inventory.events.registry.RegistrySettings.builder("http://127.0.0.1:1")
                .maxRetries(0)
                .build());
    try {
      client.schemaById(1);
    } catch (io.inventory.events.registry.RegistryUnavailableException e) {
      return e;
    }
    throw new AssertionError("a registry answered on port 1");
  }

  @Test
  void unknownEventTypeGoesToTheUnknownHandlerAndIsNeverDeadLettered() {
    List<String> unknown = Collections.synchronizedList(new ArrayList<>());
    consumer =
        builder()
            .on(String.class, (event, context) -> handled.add(event))
            .onUnknown((event, context) -> unknown.add(event.recordName() + "@" + context.offset()))
            .build();
    kafka.assignOnFirstPoll(
        List.of(P0),
        List.of(
            record(P0, 0, "unknown:io.inventory.events.avro.StockTransferred"),
            record(P0, 1, "a2")));

    consumer.start();
    await(() -> committed(P0) == 2);

    assertThat(unknown).containsExactly("io.inventory.events.avro.StockTransferred@0");
    assertThat(deadLettered).isEmpty();
    assertThat(consumer.metrics()).isEqualTo(new ConsumerMetrics(1, 0, 0, 1, 0));
  }

  @Test
  void closeFromAHandlerFinishesThatRecordAndCommitsIt() {
    consumer =
        builder()
            .on(
                String.class,
                (event, context) -> {
                  handled.add(event);
                  if (event.equals("a2")) {
                    consumer.close();
                  }
                })
            .build();
    kafka.assignOnFirstPoll(
        List.of(P0), List.of(record(P0, 0, "a1"), record(P0, 1, "a2"), record(P0, 2, "a3")));

    consumer.run();

    assertThat(handled).containsExactly("a1", "a2");
    assertThat(kafka.closed()).isTrue();
  }

  @Test
  void enableAutoCommitIsRefused() {
    assertThatThrownBy(
            () -> InventoryEventConsumer.builder().property("enable.auto.commit", "true"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Must not set enable.auto.commit=true: the consumer commits offsets itself, "
                + "only after their records were processed.");
  }

  @Test
  void missingRegistryUrlIsNamed() {
    assertThatThrownBy(
            () ->
                InventoryEventConsumer.builder()
                    .bootstrapServers("localhost:9092")
                    .topic(TOPIC)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Must set schemaRegistryUrl(\"http://host:8081\") with your SCHEMA_REGISTRY_URL, or"
                + " give a configured valueDeserializer(...).");
  }

  @Test
  void seedDefaultsReachTheKafkaConsumerAndSerdeKeysDoNot() {
    List<Map<String, Object>> configs = Collections.synchronizedList(new ArrayList<>());
    consumer =
        builder()
            .schemaRegistryUrl("http://localhost:8081")
            .property("basic.auth.user.info", "svc:secret")
            .kafkaConsumer(
                config -> {
                  configs.add(config);
                  return kafka;
                })
            .build()
            .start();
    await(() -> !configs.isEmpty());

    assertThat(configs.get(0))
        .containsEntry("group.id", "inventory-processor-group")
        .containsEntry("auto.offset.reset", "earliest")
        .containsEntry("enable.auto.commit", false)
        .containsEntry(
            "value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class)
        .doesNotContainKeys("schema.registry.url", "basic.auth.user.info");
  }

  @Test
  void aDeserializerHandedInStaysOpenWhenTheConsumerCloses() {
    AtomicBoolean closed = new AtomicBoolean();
    Deserializer<Object> handedIn =
        new Deserializer<>() {
          @Override
          public Object deserialize(String topic, byte[] bytes) {
            return TEXT.deserialize(topic, bytes);
          }

          @Override
          public void close() {
            closed.set(true);
          }
        };
    consumer = builder().valueDeserializer(handedIn).build().start();
    consumer.close();

    assertThat(kafka.closed()).as("the consumer the factory made is closed").isTrue();
    assertThat(closed).as("the deserializer handed in is not").isFalse();
  }

  @Test
  void withBothKafkaClientsInjectedNoBootstrapServersAreNeeded() {
    consumer =
        InventoryEventConsumer.builder()
            .topic(TOPIC)
            .valueDeserializer(TEXT)
            .kafkaConsumer(config -> kafka)
            .deadLetterPublisher((record, cause) -> {})
            .build();

    assertThatThrownBy(
            () -> InventoryEventConsumer.builder().topic(TOPIC).valueDeserializer(TEXT).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Must set bootstrapServers(\"host:9092\") with your cluster's KAFKA_BOOTSTRAP_SERVERS,"
                + " or inject both Kafka clients with kafkaConsumer(...) and"
                + " deadLetterPublisher(...).");
  }

  private InventoryEventConsumer.Builder builder() {
    return InventoryEventConsumer.builder()
        .bootstrapServers("localhost:9092")
        .topic(TOPIC)
        .valueDeserializer(TEXT)
        .backOff(BackOff.fixed(Duration.ofMillis(10), 3))
        .pollTimeout(Duration.ofMillis(20))
        .deadLetterPublisher(
            (record, cause) ->
                deadLettered.add(
                    new String(record.value(), UTF_8)
                        + "@"
                        + record.offset()
                        + " "
                        + cause.getClass().getSimpleName()))
        .kafkaConsumer(config -> kafka);
  }

  private static ConsumerRecord<byte[], byte[]> record(
      TopicPartition partition, long offset, String value) {
    return new ConsumerRecord<>(
        partition.topic(),
        partition.partition(),
        offset,
        ("PROD-" + partition.partition()).getBytes(UTF_8),
        value.getBytes(UTF_8));
  }

  private List<String> ofPartition(String prefix) {
    synchronized (handled) {
      return handled.stream().filter(event -> event.startsWith(prefix)).toList();
    }
  }

  private long committed(TopicPartition partition) {
    OffsetAndMetadata offset = kafka.committed(Set.of(partition)).get(partition);
    return offset == null ? -1 : offset.offset();
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Condition not met within 10 s");
      }
      Thread.onSpinWait();
    }
  }
}
