package io.inventory.events.client;

import io.inventory.events.client.serde.EventSerdeConfig;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The settings the publisher's and the consumer's builders share, with one meaning for both: the
 * topic, the cluster, the registry, and every other property. Each builder adds what only it has.
 *
 * @param <B> the builder itself, so that every setter returns it
 */
abstract class KafkaClientBuilder<B extends KafkaClientBuilder<B>> {
  final ClientProperties properties;
  String topic;

  KafkaClientBuilder(ClientProperties properties) {
    this.properties = properties;
  }

  abstract B self();

  /** The environment's topic, for example {@code inventory.dev.events} for {@code DEV}. */
  public B environment(Environment environment) {
    Objects.requireNonNull(environment, "environment == null");
    return topic(environment.topic());
  }

  /**
   * {@code topic} instead of the environment's {@code inventory.{env}.events}: for tests on
   * per-test topics. Subjects follow the topic ({@code <topic>-<full.record.Name>}).
   */
  public B topic(String topic) {
    this.topic = Objects.requireNonNull(topic, "topic == null");
    return self();
  }

  /** Kafka's {@code bootstrap.servers}, for example {@code localhost:9092}. Required. */
  public B bootstrapServers(String bootstrapServers) {
    return property(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        Objects.requireNonNull(bootstrapServers, "bootstrapServers == null"));
  }

  /**
   * The registry's base URL ({@value EventSerdeConfig#SCHEMA_REGISTRY_URL_CONFIG}), for example
   * {@code http://localhost:8081} or Apicurio's {@code http://localhost:8080/apis/ccompat/v7}.
   * Required unless a configured serializer or deserializer is handed in.
   */
  public B schemaRegistryUrl(String url) {
    return property(
        EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, Objects.requireNonNull(url, "url == null"));
  }

  /**
   * Any Kafka client property, or an {@link EventSerdeConfig} key: serde keys configure the serde
   * the builder creates and never reach the Kafka client.
   *
   * @throws IllegalArgumentException for a property that would break the contract, saying what to
   *     set instead (see the builder's description)
   */
  public B property(String key, Object value) {
    properties.put(key, value);
    return self();
  }

  /** {@link #property} for each entry. */
  public B properties(Map<String, ?> properties) {
    this.properties.putAll(properties);
    return self();
  }
}
