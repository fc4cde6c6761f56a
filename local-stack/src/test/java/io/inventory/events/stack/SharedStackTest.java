package io.inventory.events.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartitionInfo;
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

    RecordMetadata sent = TopicRecords.send(stack, topic, "SKU-1", "{\"newQuantity\":7}");
    List<ConsumerRecord<String, String>> received = TopicRecords.read(stack, topic, 1);

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
  @DisplayName("has no broker cluster to stop: it runs one combined Kafka node")
  void oneNodeStackHasNoBrokerCluster(InventoryStack stack) {
    org.assertj.core.api.Assertions.assertThatThrownBy(stack::cluster)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "This stack runs one combined Kafka node: start it with"
                + " InventoryStack.builder().brokers(3) to stop and restart brokers.");
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
