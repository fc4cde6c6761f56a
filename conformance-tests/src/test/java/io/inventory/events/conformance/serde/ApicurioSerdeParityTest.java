package io.inventory.events.conformance.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventDeserializer;
import io.inventory.events.client.serde.InventoryEventSerializer;
import io.inventory.events.client.testing.SampleEvents;
import io.inventory.events.stack.InventoryStack;
import io.inventory.events.stack.InventoryStackExtension;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our serde against Apicurio's own Kafka Avro serde (3.1.7) on the same registry: identical bytes
 * for every event, and each side reads the other's.
 *
 * <p>What makes the ids comparable: our serializer registers each schema through the Confluent API
 * ({@code /apis/ccompat/v7}), whose ids are Apicurio content ids. Apicurio's serializer is pointed
 * at the same artifact (group {@code default}, artifact id = our subject), told to use the latest
 * version's content id ({@code find-latest}, {@code use-id=contentId}), to write it as 4 bytes in
 * the payload ({@code Default4ByteIdHandler}) and not in headers ({@code headers.enabled=false}):
 * that is the Confluent frame.
 */
@ExtendWith(InventoryStackExtension.class)
class ApicurioSerdeParityTest {

  private static String nativeApi(InventoryStack stack) {
    String ccompat = stack.schemaRegistryUrl();
    assumeTrue(ccompat.contains("/apis/ccompat/"), "the peer serde needs an Apicurio registry");
    return ccompat.substring(0, ccompat.indexOf("/apis/ccompat/")) + "/apis/registry/v3";
  }

  private static Map<String, Object> apicurio(InventoryStack stack) {
    Map<String, Object> config = new HashMap<>();
    config.put("apicurio.registry.url", nativeApi(stack));
    config.put("apicurio.registry.headers.enabled", false);
    config.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
    config.put("apicurio.registry.use-id", "contentId");
    config.put("apicurio.registry.use-specific-avro-reader", true);
    return config;
  }

  private static AvroKafkaSerializer<SpecificRecord> apicurioSerializer(
      InventoryStack stack, String subject) {
    Map<String, Object> config = apicurio(stack);
    config.put("apicurio.registry.auto-register", false);
    config.put("apicurio.registry.find-latest", true);
    config.put("apicurio.registry.artifact.group-id", "default");
    config.put("apicurio.registry.artifact.artifact-id", subject);
    AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();
    serializer.configure(config, false);
    return serializer;
  }

  private static AvroKafkaDeserializer<Object> apicurioDeserializer(InventoryStack stack) {
    AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
    deserializer.configure(apicurio(stack), false);
    return deserializer;
  }

  private static Map<String, Object> ours(InventoryStack stack) {
    return Map.of(
        EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
        stack.schemaRegistryUrl(),
        EventSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG,
        true);
  }

  @Test
  void everyEventSerializesToApicuriosBytesAndEachSideReadsTheOther(InventoryStack stack) {
    String topic = stack.createTopic(1);
    InventoryEventSerializer ourSerializer = new InventoryEventSerializer();
    ourSerializer.configure(ours(stack), false);
    InventoryEventDeserializer ourDeserializer = new InventoryEventDeserializer();
    ourDeserializer.configure(ours(stack), false);
    AvroKafkaDeserializer<Object> theirDeserializer = apicurioDeserializer(stack);

    for (SpecificRecord event : SampleEvents.all()) {
      byte[] ourBytes = ourSerializer.serialize(topic, event);
      String subject = topic + "-" + event.getSchema().getFullName();
      byte[] theirBytes = apicurioSerializer(stack, subject).serialize(topic, event);

      assertThat(ourBytes).as(event.getSchema().getName()).isEqualTo(theirBytes);
      assertThat(ourDeserializer.deserialize(topic, theirBytes)).isEqualTo(event);
      assertThat(theirDeserializer.deserialize(topic, ourBytes)).isEqualTo(event);
    }
  }
}
