package io.inventory.events.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InventoryStackExtension.class)
@DisplayName("The shared stack of the JUnit extension")
class SharedStackTest {
  static final AtomicReference<InventoryStack> FIRST_SEEN = new AtomicReference<>();

  private static final String STOCK_V1 =
      "{\"type\":\"record\",\"name\":\"StockLevelChanged\",\"namespace\":\"io.inventory.test\","
          + "\"fields\":[{\"name\":\"productId\",\"type\":\"string\"},{\"name\":\"newQuantity\",\"type\":\"int\"}]}";

  /**
   * Changes a field's type: neither old readers nor new readers can cope, so FULL_TRANSITIVE must
   * refuse it.
   */
  private static final String STOCK_INCOMPATIBLE =
      "{\"type\":\"record\",\"name\":\"StockLevelChanged\",\"namespace\":\"io.inventory.test\","
          + "\"fields\":[{\"name\":\"productId\",\"type\":\"string\"},{\"name\":\"newQuantity\",\"type\":\"string\"}]}";

  private static InventoryStack beforeAllStack;

  @BeforeAll
  static void rememberStack(InventoryStack stack) {
    beforeAllStack = stack;
  }

  @Test
  @DisplayName(
      "starts a real broker and registry on 127.0.0.1 and gives every class and method the same"
          + " instance")
  void startsOnLoopbackAndIsShared(InventoryStack stack) {
    assertThat(stack).isSameAs(beforeAllStack);
    assertThat(FIRST_SEEN.compareAndExchange(null, stack)).isIn(null, stack);
    assertThat(stack.isEmbedded()).isTrue();
    assertThat(stack.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(stack.schemaRegistryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
    assertThat(stack.registryPid()).isPresent();
    assertThat(ProcessHandle.of(stack.registryPid().getAsLong()))
        .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
  }

  @Test
  @DisplayName("sets the registry's global compatibility to FULL_TRANSITIVE")
  void setsFullTransitiveCompatibility(InventoryStack stack) {
    HttpResponse<String> config = new RegistryCalls(stack.schemaRegistryUrl()).get("/config");

    assertThat(config.statusCode()).isEqualTo(200);
    assertThat(config.body()).contains("\"compatibilityLevel\":\"FULL_TRANSITIVE\"");
    assertThat(stack.compatibility()).isEqualTo("FULL_TRANSITIVE");
  }

  @Test
  @DisplayName("creates a uniquely named topic whose every partition has a leader")
  void createdTopicHasLeaderOnEveryPartition(InventoryStack stack) throws Exception {
    String first = stack.createTopic(4);
    String second = stack.createTopic(1);

    assertThat(first).isNotEqualTo(second).startsWith("stack-test-");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      TopicDescription description =
          admin.describeTopics(Set.of(first)).allTopicNames().get(10, TimeUnit.SECONDS).get(first);
      assertThat(description.partitions())
          .hasSize(4)
          .allSatisfy(p -> assertThat(p.leader()).isNotNull());
      assertThat(description.partitions())
          .extracting(TopicPartitionInfo::partition)
          .containsExactly(0, 1, 2, 3);
    }
  }

  @Test
  @DisplayName(
      "accepts an existing topic with the same partition count and rejects one with another count")
  void existingTopicIsAcceptedOnlyWithSamePartitionCount(InventoryStack stack) {
    String topic = "stack-test-existing-" + UUID.randomUUID();
    stack.createTopic(topic, 2);
    stack.createTopic(topic, 2);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> stack.createTopic(topic, 3))
        .isInstanceOf(TopicNotReadyException.class)
        .hasMessage(
            "Topic \""
                + topic
                + "\" already exists on "
                + stack.bootstrapServers()
                + " with 2 partitions, not 3. Delete it or ask for 2.");
  }

  @Test
  @DisplayName("delivers a record produced right after topic creation to a consumer")
  void producedRecordIsConsumed(InventoryStack stack) throws Exception {
    String topic = stack.createTopic(3);
    Map<String, Object> producerConfig =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            20_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000);
    RecordMetadata sent;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      sent =
          producer
              .send(new ProducerRecord<>(topic, "SKU-1", "{\"newQuantity\":7}"))
              .get(30, TimeUnit.SECONDS);
    }

    Map<String, Object> consumerConfig =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "stack-test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Deadline deadline = Deadline.after(Duration.ofSeconds(30));
      while (received.isEmpty() && !deadline.expired()) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
    }

    assertThat(received)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).isEqualTo("SKU-1");
              assertThat(record.value()).isEqualTo("{\"newQuantity\":7}");
              assertThat(record.partition()).isEqualTo(sent.partition());
              assertThat(record.offset()).isEqualTo(sent.offset());
            });
  }

  @Test
  @DisplayName("returns a schema registered through the Confluent API when fetched by its id")
  void registeredSchemaIsFetchedById(InventoryStack stack) {
    RegistryCalls registry = new RegistryCalls(stack.schemaRegistryUrl());
    String subject = "inventory.test.events-" + UUID.randomUUID();

    HttpResponse<String> registered = registry.post("/subjects/" + subject + "/versions", STOCK_V1);
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    String id = registered.body().replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1");

    HttpResponse<String> fetched = registry.get("/schemas/ids/" + id);
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(fetched.body()).isEqualTo(RegistryCalls.schemaRequest(STOCK_V1));
  }

  @Test
  @DisplayName(
      "rejects an incompatible schema under FULL_TRANSITIVE: the check says no and registering"
          + " fails with 409")
  void incompatibleSchemaIsRejected(InventoryStack stack) {
    RegistryCalls registry = new RegistryCalls(stack.schemaRegistryUrl());
    String subject = "inventory.test.events-" + UUID.randomUUID();
    assertThat(registry.post("/subjects/" + subject + "/versions", STOCK_V1).statusCode())
        .isEqualTo(200);

    HttpResponse<String> check =
        registry.post(
            "/compatibility/subjects/" + subject + "/versions/latest", STOCK_INCOMPATIBLE);
    HttpResponse<String> register =
        registry.post("/subjects/" + subject + "/versions", STOCK_INCOMPATIBLE);

    assertThat(check.statusCode()).isEqualTo(200);
    assertThat(check.body()).contains("\"is_compatible\":false");
    assertThat(register.statusCode()).as(register.body()).isEqualTo(409);
    assertThat(register.body()).contains("Incompatible artifact");
  }
}
