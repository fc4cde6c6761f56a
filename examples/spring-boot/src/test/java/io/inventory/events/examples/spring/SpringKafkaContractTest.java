package io.inventory.events.examples.spring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.avro.LowStockAlert;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.BackOff;
import io.inventory.events.client.DeadLetterPublisher;
import io.inventory.events.client.InvalidEventException;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventSerializer;
import io.inventory.events.client.serde.MalformedFrameException;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.registry.RegistrySettings;
import io.inventory.events.registry.SchemaRegistryClient;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot service, configured by its application.yaml, against a real broker and a real
 * Apicurio registry: every event type handled, publishing validated, poison records dead-lettered
 * with exactly the record the contract's own consumer writes, an unknown event type skipped.
 */
@ExtendWith(InventoryStackExtension.class)
class SpringKafkaContractTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int PARTITIONS = 3;
  private static final String UNKNOWN_TYPE = "io.inventory.events.avro.StockTransferred";

  private static InventoryStack stack;
  private static String topic;
  private static ConfigurableApplicationContext service;
  private static StockLedger ledger;
  private static InventoryEventPublisher publisher;

  @BeforeAll
  static void startService(InventoryStack sharedStack) {
    stack = sharedStack;
    topic = stack.createTopic(PARTITIONS);
    stack.createTopic(DeadLetterPublisher.topicFor(topic), PARTITIONS);
    registerEventSchemas(); // the service runs with auto.register.schemas=false, as in production
    service =
        new SpringApplicationBuilder(InventoryEventsApplication.class)
            .run(
                "--spring.kafka.bootstrap-servers=" + stack.bootstrapServers(),
                "--spring.kafka.properties.schema.registry.url=" + stack.schemaRegistryUrl(),
                "--spring.kafka.consumer.group-id=spring-example-" + topic,
                "--inventory.events.topic=" + topic,
                "--inventory.events.retry.interval=50ms",
                "--inventory.events.retry.max-retries=2");
    ledger = service.getBean(StockLedger.class);
    publisher = service.getBean(InventoryEventPublisher.class);
  }

  @AfterAll
  static void stopService() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void everyEventTypeIsHandledAndAStockDropPublishesALowStockAlert() {
    SampleEvents.all().forEach(event -> publisher.publish(event).join());
    publisher.publish(StockLedgerTest.change("PROD-SPRING-LOW", "12", "8")).join();

    await(
        () ->
            ledger.applied().containsAll(SampleEvents.all())
                && ledger.applied().stream()
                    .anyMatch(
                        event ->
                            event instanceof LowStockAlert alert
                                && alert.getPayload().getProductId().equals("PROD-SPRING-LOW")),
        "all six sample events and the alert for PROD-SPRING-LOW applied");
  }

  @Test
  void publishingRefusesAnInvalidEventBeforeAnythingIsSent() {
    StockLevelChanged invalid = StockLedgerTest.change("PROD-SPRING-BAD", "5", "-1");

    assertThatThrownBy(() -> publisher.publish(invalid))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("at $.payload.newQuantity");
  }

  @Test
  void poisonRecordsAreDeadLetteredExactlyAsTheContractsOwnConsumerDeadLettersThem()
      throws Exception {
    RecordMetadata garbage = sendRaw("PROD-SPRING-POISON", "{\"not\":\"avro\"}".getBytes(UTF_8));
    RecordMetadata refused =
        publisher.publish(StockLedgerTest.change(StockLedger.REJECTED_PRODUCT, "5", "4")).join();

    List<ConsumerRecord<byte[], byte[]>> bySpring = deadLettered(List.of(garbage, refused), 1);
    assertThat(header(bySpring.get(0), DeadLetterPublisher.EXCEPTION_CLASS_HEADER))
        .isEqualTo(MalformedFrameException.class.getName());
    assertThat(header(bySpring.get(1), DeadLetterPublisher.EXCEPTION_MESSAGE_HEADER))
        .isEqualTo(StockLedger.REJECTION);

    try (InventoryEventConsumer contract =
        InventoryEventConsumer.builder()
            .topic(topic)
            .groupId("contract-reference-" + topic)
            .bootstrapServers(stack.bootstrapServers())
            .schemaRegistryUrl(stack.schemaRegistryUrl())
            .backOff(BackOff.none())
            .on(SpecificRecord.class, (event, context) -> rejectLikeTheLedger(event))
            .build()) {
      contract.start();
      List<ConsumerRecord<byte[], byte[]>> both = deadLettered(List.of(garbage, refused), 2);

      for (RecordMetadata poison : List.of(garbage, refused)) {
        List<ConsumerRecord<byte[], byte[]>> pair =
            both.stream().filter(record -> isFrom(record, poison)).toList();
        assertThat(pair).hasSize(2);
        ConsumerRecord<byte[], byte[]> spring = pair.get(0);
        ConsumerRecord<byte[], byte[]> reference = pair.get(1);
        assertThat(spring.partition())
            .isEqualTo(poison.partition())
            .isEqualTo(reference.partition());
        assertThat(spring.key()).isEqualTo(reference.key());
        assertThat(spring.value()).isEqualTo(reference.value());
        assertThat(headers(spring)).isEqualTo(headers(reference));
      }
    }
  }

  @Test
  void anUnknownEventTypeIsSkippedAndNeverDeadLettered() throws Exception {
    SchemaRegistryClient registry =
        new SchemaRegistryClient(RegistrySettings.builder(stack.schemaRegistryUrl()).build());
    String schema =
        "{\"type\":\"record\",\"name\":\"StockTransferred\",\"namespace\":"
            + "\"io.inventory.events.avro\",\"fields\":[{\"name\":\"productId\",\"type\":\"string\"}]}";
    int id = registry.register(topic + "-" + UNKNOWN_TYPE, schema);
    byte[] productId = "PROD-SPRING-NEW".getBytes(UTF_8);
    byte[] frame =
        ByteBuffer.allocate(6 + productId.length)
            .put((byte) 0)
            .putInt(id)
            .put((byte) (productId.length * 2)) // Avro's zig-zag length of a short string
            .put(productId)
            .array();

    RecordMetadata unknown = sendRaw("PROD-SPRING-NEW", frame);
    StockLevelChanged after = StockLedgerTest.change("PROD-SPRING-NEW", "40", "39");
    publisher.publish(after).join();

    await(
        () -> ledger.unknownTypes().contains(UNKNOWN_TYPE) && ledger.applied().contains(after),
        "the unknown type skipped and the next event of its product applied");
    assertThat(readAll(DeadLetterPublisher.topicFor(topic))).noneMatch(r -> isFrom(r, unknown));
  }

  /** The contract consumer's stand-in for the ledger's rule: same exception, same message. */
  private static void rejectLikeTheLedger(SpecificRecord event) {
    if (event instanceof StockLevelChanged changed
        && changed.getPayload().getProductId().equals(StockLedger.REJECTED_PRODUCT)) {
      throw new IllegalStateException(StockLedger.REJECTION);
    }
  }

  private static void registerEventSchemas() {
    try (InventoryEventSerializer serializer = new InventoryEventSerializer()) {
      serializer.configure(
          Map.of(
              EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
              stack.schemaRegistryUrl(),
              EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG,
              true),
          false);
      SampleEvents.all().forEach(event -> serializer.serialize(topic, event));
    }
  }

  private static RecordMetadata sendRaw(String key, byte[] value) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      return producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  /** Waits until each poison record has {@code copies} dead letters; returns them in DLT order. */
  private static List<ConsumerRecord<byte[], byte[]>> deadLettered(
      List<RecordMetadata> poison, int copies) {
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
    await(
        () -> {
          found.clear();
          found.addAll(
              readAll(DeadLetterPublisher.topicFor(topic)).stream()
                  .filter(record -> poison.stream().anyMatch(p -> isFrom(record, p)))
                  .toList());
          return poison.stream()
              .allMatch(p -> found.stream().filter(r -> isFrom(r, p)).count() >= copies);
        },
        copies + " dead letter(s) of each poison record");
    found.sort(
        (a, b) ->
            Long.compare(offsetHeader(a), offsetHeader(b)) != 0
                ? Long.compare(offsetHeader(a), offsetHeader(b))
                : Long.compare(a.offset(), b.offset()));
    return found;
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String deadLetterTopic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(deadLetterTopic, p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      return records;
    }
  }

  private static boolean isFrom(ConsumerRecord<byte[], byte[]> deadLetter, RecordMetadata source) {
    return String.valueOf(source.partition())
            .equals(header(deadLetter, DeadLetterPublisher.ORIGINAL_PARTITION_HEADER))
        && String.valueOf(source.offset())
            .equals(header(deadLetter, DeadLetterPublisher.ORIGINAL_OFFSET_HEADER));
  }

  private static long offsetHeader(ConsumerRecord<byte[], byte[]> record) {
    return Long.parseLong(header(record, DeadLetterPublisher.ORIGINAL_OFFSET_HEADER));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }

  /** Every header in order, name=value, so that extra, missing or reordered ones all show. */
  private static List<String> headers(ConsumerRecord<byte[], byte[]> record) {
    List<String> all = new ArrayList<>();
    for (Header header : record.headers()) {
      all.add(header.key() + "=" + new String(header.value(), UTF_8));
    }
    return all;
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Not within " + WAIT + ": " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what, e);
      }
    }
  }
}
