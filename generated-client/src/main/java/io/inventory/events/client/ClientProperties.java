package io.inventory.events.client;

import io.inventory.events.client.serde.EventSerdeConfig;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The properties one builder collected, under one rule for the publisher and the consumer: each
 * goes in through {@code property(key, value)}, where what would break the contract is refused at
 * once; the Kafka client gets them without the serde's keys ({@link EventSerdeConfig}) and with the
 * settings the contract forces; the serde the builder creates gets them all and reads its own, as
 * Kafka's serdes do.
 */
final class ClientProperties {
  static final String NO_TOPIC =
      "Must set environment(...): it selects the topic inventory.{env}.events.";

  private final Map<String, Object> values = new LinkedHashMap<>();
  private final BiConsumer<String, Object> refusal;

  private ClientProperties(BiConsumer<String, Object> refusal) {
    this.refusal = refusal;
  }

  /** A publisher's: acks and idempotence stay on, and serdes are handed in as instances. */
  static ClientProperties forProducer() {
    return new ClientProperties(ClientProperties::refuseForProducer);
  }

  /** A consumer's: it commits itself, and decodes bytes itself (so it can dead-letter them). */
  static ClientProperties forConsumer() {
    return new ClientProperties(ClientProperties::refuseForConsumer);
  }

  void put(String key, Object value) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(value, "value == null");
    refusal.accept(key, value);
    values.put(key, value);
  }

  void putAll(Map<String, ?> properties) {
    Objects.requireNonNull(properties, "properties == null").forEach(this::put);
  }

  /** What the Kafka client is given: no serde key, and {@code forced} over everything else. */
  Map<String, Object> kafkaConfig(Map<String, Object> forced) {
    Map<String, Object> config = new HashMap<>(values);
    config.keySet().removeAll(EventSerdeConfig.configDef().names());
    config.putAll(forced);
    return Map.copyOf(config);
  }

  /** What the serde the builder creates is configured with: everything. */
  Map<String, Object> serdeConfig() {
    return Map.copyOf(values);
  }

  /** Refuses to create a Kafka client without the cluster's address. */
  void requireBootstrapServers(String alternative) {
    require(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        "bootstrapServers(\"host:9092\") with your cluster's KAFKA_BOOTSTRAP_SERVERS",
        alternative);
  }

  /** Refuses to create the contract's serde without the registry it needs. */
  void requireRegistryUrl(String alternative) {
    require(
        EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
        "schemaRegistryUrl(\"http://host:8081\") with your SCHEMA_REGISTRY_URL",
        alternative);
  }

  private void require(String key, String setter, String alternative) {
    if (!values.containsKey(key)) {
      throw new IllegalStateException("Must set " + setter + ", or " + alternative + ".");
    }
  }

  private static void refuseForProducer(String key, Object value) {
    String setting = value.toString().trim().toLowerCase(Locale.ROOT);
    if (key.equals(ProducerConfig.ACKS_CONFIG) && !List.of("all", "-1").contains(setting)) {
      throw new IllegalArgumentException(
          "Must set acks=all: the contract requires every in-sync replica to have an event before"
              + " it counts as published. Found acks="
              + value
              + ".");
    }
    if (key.equals(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG) && !setting.equals("true")) {
      throw new IllegalArgumentException(
          "Must set enable.idempotence=true: the contract guarantees per-product order. Found"
              + " enable.idempotence="
              + value
              + ".");
    }
    if (key.equals(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG)) {
      throw new IllegalArgumentException(
          "Remove key.serializer: the key is always the UTF-8 productId, serialized by the"
              + " publisher.");
    }
    if (key.equals(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
      throw new IllegalArgumentException(
          "Remove value.serializer: give a configured serializer to valueSerializer(...) instead;"
              + " serde settings never reach the Kafka producer.");
    }
  }

  private static void refuseForConsumer(String key, Object value) {
    if (key.equals(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)
        && Boolean.parseBoolean(value.toString())) {
      throw new IllegalArgumentException(
          "Must not set enable.auto.commit=true: the consumer commits offsets itself, only after"
              + " their records were processed.");
    }
    if (key.equals(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG)
        || key.equals(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)) {
      throw new IllegalArgumentException(
          "Must not set "
              + key
              + ": the consumer reads bytes and decodes them in its loop, so undecodable records"
              + " can be dead-lettered; give valueDeserializer(...) instead.");
    }
  }
}
