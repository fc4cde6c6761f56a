package io.inventory.events.benchmarks;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Apicurio's Kafka Avro serde (the peer a team would pick instead of this jar), set up to write and
 * read the Confluent frame on the schema our serializer registered: the latest version's content id
 * of artifact {@code <topic>-<record full name>} in group {@code default}, as 4 bytes in the value,
 * no headers, decoding into the generated classes. The same settings as conformance-tests'
 * ApicurioSerdeParityTest, which proves the bytes are identical to ours.
 */
final class ApicurioPeer {
  private ApicurioPeer() {}

  /**
   * The settings both sides share; {@code nativeApiUrl} is Apicurio's {@code /apis/registry/v3}.
   */
  static Map<String, Object> common(String nativeApiUrl) {
    Map<String, Object> config = new HashMap<>();
    config.put("apicurio.registry.url", nativeApiUrl);
    config.put("apicurio.registry.headers.enabled", false);
    config.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
    config.put("apicurio.registry.use-id", "contentId");
    config.put("apicurio.registry.use-specific-avro-reader", true);
    return config;
  }

  /** Serializer settings for the already registered subject {@code subject}. */
  static Map<String, Object> serializerConfig(String nativeApiUrl, String subject) {
    Map<String, Object> config = common(nativeApiUrl);
    config.put("apicurio.registry.auto-register", false);
    config.put("apicurio.registry.find-latest", true);
    config.put("apicurio.registry.artifact.group-id", "default");
    config.put("apicurio.registry.artifact.artifact-id", subject);
    return config;
  }

  static AvroKafkaSerializer<SpecificRecord> serializer(String nativeApiUrl, String subject) {
    AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();
    serializer.configure(serializerConfig(nativeApiUrl, subject), false);
    return serializer;
  }

  static AvroKafkaDeserializer<Object> deserializer(String nativeApiUrl) {
    AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
    deserializer.configure(common(nativeApiUrl), false);
    return deserializer;
  }
}
