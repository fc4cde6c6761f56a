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
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
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
