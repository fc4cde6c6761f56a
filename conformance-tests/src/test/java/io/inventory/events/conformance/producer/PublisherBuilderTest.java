package io.inventory.events.conformance.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.inventory.events.client.Environment;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventDeserializer;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.conformance.serde.Topics;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The builder forces the contract's producer settings, and takes a peer serializer. */
@ExtendWith(InventoryStackExtension.class)
class PublisherBuilderTest {

  private static InventoryEventPublisher.Builder builder() {
    return InventoryEventPublisher.builder()
        .environment(Environment.DEV)
        .bootstrapServers("127.0.0.1:9")
        .schemaRegistryUrl("http://127.0.0.1:9");
  }

  @Test
  void turningIdempotenceOffIsRefused() {
    assertThatThrownBy(() -> builder().property("enable.idempotence", "false").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Must set enable.idempotence=true: the contract guarantees per-product order."
                + " Found enable.idempotence=false.");
  }

  @Test
  void weakerAcksAreRefused() {
    assertThatThrownBy(() -> builder().property(ProducerConfig.ACKS_CONFIG, "1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Must set acks=all: the contract requires every in-sync replica to have an"
                + " event before it counts as published. Found acks=1.");
  }

  @Test
  void aKeySerializerIsRefused() {
    assertThatThrownBy(
            () -> builder().property(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "x.Y").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Remove key.serializer: the key is always the UTF-8 productId, serialized by"
                + " the publisher.");
  }

  @Test
  void environmentIsRequired() {
    assertThatThrownBy(() -> InventoryEventPublisher.builder().bootstrapServers("x:1").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Must set environment(...): it selects the topic inventory.{env}.events.");
  }

  @Test
  void topicComesFromTheEnvironment() {
    try (InventoryEventPublisher publisher = builder().environment(Environment.SIT).build()) {
      assertThat(publisher.topic()).isEqualTo("inventory.sit.events");
    }
  }

  /**
   * Idempotence verified where it takes effect: only an idempotent producer has a producer id and
   * sequence state on the broker, which {@code describeProducers} reports. A plain producer with
   * idempotence off writes to the same kind of topic as the control, and leaves none.
   */
  @Test
  void theBrokerHoldsIdempotentProducerStateForThePublisher(InventoryStack stack) throws Exception {
    String published = stack.createTopic(1);
    String control = stack.createTopic(1);
    try (InventoryEventPublisher publisher = StackPublisher.onTopic(stack, published);
        KafkaProducer<String, String> plain =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.bootstrapServers(),
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    false,
                    ProducerConfig.ACKS_CONFIG,
                    "1"),
                new StringSerializer(),
                new StringSerializer());
        Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      publisher.publish(SampleEvents.stockLevelChanged()).get(30, TimeUnit.SECONDS);
      plain
          .send(new ProducerRecord<>(control, "PROD-456", "not idempotent"))
          .get(30, TimeUnit.SECONDS);

      assertThat(activeProducers(admin, published))
          .singleElement()
          .satisfies(
              producer -> {
                assertThat(producer.producerId()).isNotNegative();
                assertThat(producer.lastSequence()).isZero();
              });
      assertThat(activeProducers(admin, control)).isEmpty();
    }
  }

  private static List<ProducerState> activeProducers(Admin admin, String topic) throws Exception {
    TopicPartition partition = new TopicPartition(topic, 0);
    return admin
        .describeProducers(List.of(partition))
        .partitionResult(partition)
        .get(30, TimeUnit.SECONDS)
        .activeProducers();
  }

  @Test
  void aPeerSerializerCanBePluggedInAndItsEventsReadByOurDeserializer(InventoryStack stack) {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        stack.schemaRegistryUrl().contains("/apis/ccompat/"), "the peer serde is Apicurio's");
    String topic = stack.createTopic(1);
    String subject = topic + "-" + SampleEvents.stockLevelChanged().getSchema().getFullName();
    // Register the schema the way the gate would, through the Confluent API.
    io.inventory.events.client.serde.InventoryEventSerializer ours =
        new io.inventory.events.client.serde.InventoryEventSerializer();
    ours.configure(
        Map.of(
            EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
            stack.schemaRegistryUrl(),
            EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG,
            true),
        false);
    ours.serialize(topic, SampleEvents.stockLevelChanged());

    String ccompat = stack.schemaRegistryUrl();
    Map<String, Object> peer = new HashMap<>();
    peer.put(
        "apicurio.registry.url",
        ccompat.substring(0, ccompat.indexOf("/apis/ccompat/")) + "/apis/registry/v3");
    peer.put("apicurio.registry.headers.enabled", false);
    peer.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
    peer.put("apicurio.registry.use-id", "contentId");
    peer.put("apicurio.registry.find-latest", true);
    peer.put("apicurio.registry.artifact.group-id", "default");
    peer.put("apicurio.registry.artifact.artifact-id", subject);
    AvroKafkaSerializer<Object> peerSerializer = new AvroKafkaSerializer<>();
    peerSerializer.configure(peer, false);

    try (InventoryEventPublisher publisher =
        InventoryEventPublisher.builder()
            .environment(Environment.DEV)
            .topic(topic)
            .bootstrapServers(stack.bootstrapServers())
            .valueSerializer(peerSerializer)
            .build()) {
      publisher.publish(SampleEvents.stockLevelChanged()).join();
    }

    assertThat(
            Topics.readEvents(stack.bootstrapServers(), stack.schemaRegistryUrl(), topic, 1)
                .get(0)
                .value())
        .isEqualTo(SampleEvents.stockLevelChanged());
    new InventoryEventDeserializer().close();
  }
}
