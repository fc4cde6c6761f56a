package io.inventory.events.client;

import io.inventory.events.client.serde.InventoryEventDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What a built consumer runs with, assembled from its builder once: the Kafka consumer's final
 * settings and how to create it, the value deserializer (and whether the consumer created it, and
 * so closes it), the handlers, and the retry and commit policy of the poll loop.
 *
 * @param deadLetterPublisher the publisher handed to the builder, or {@code null}: the consumer
 *     then creates its own
 * @param commitInterval zero: commit after every poll that made progress
 */
record ConsumerSettings(
    String topic,
    Map<String, Object> kafkaConfig,
    Function<Map<String, Object>, Consumer<byte[], byte[]>> kafkaConsumer,
    Deserializer<?> valueDeserializer,
    AtomicBoolean ownDeserializerOpen,
    Dispatcher dispatcher,
    BackOff backOff,
    BackOff deadLetterBackOff,
    Predicate<Throwable> notRetryable,
    DeadLetterPublisher deadLetterPublisher,
    Duration commitInterval,
    Duration pollTimeout) {

  private static final Map<String, Object> FORCED =
      Map.of(
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
          false,
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
          ByteArrayDeserializer.class,
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
          ByteArrayDeserializer.class);

  /**
   * @throws IllegalStateException naming what is missing
   * @throws org.apache.kafka.common.config.ConfigException when a registry setting is invalid
   */
  static ConsumerSettings of(InventoryEventConsumer.Builder builder) {
    if (builder.topic == null) {
      throw new IllegalStateException(ClientProperties.NO_TOPIC);
    }
    if (builder.kafkaConsumer == null || builder.deadLetterPublisher == null) {
      builder.properties.requireBootstrapServers(
          "inject both Kafka clients with kafkaConsumer(...) and deadLetterPublisher(...)");
    }
    Deserializer<?> deserializer = builder.valueDeserializer;
    boolean own = deserializer == null;
    if (own) {
      builder.properties.requireRegistryUrl("give a configured valueDeserializer(...)");
      deserializer = new InventoryEventDeserializer();
      deserializer.configure(builder.properties.serdeConfig(), false);
    }
    return new ConsumerSettings(
        builder.topic,
        builder.properties.kafkaConfig(FORCED),
        builder.kafkaConsumer != null ? builder.kafkaConsumer : KafkaConsumer::new,
        deserializer,
        new AtomicBoolean(own),
        new Dispatcher(builder.handlers, builder.unknownHandler),
        builder.backOff,
        builder.deadLetterBackOff,
        matchingAnyOf(List.copyOf(builder.notRetryable)),
        builder.deadLetterPublisher,
        builder.commitInterval,
        builder.pollTimeout);
  }

  /** Whether {@code failure}, or one of its causes, is an instance of one of {@code types}. */
  private static Predicate<Throwable> matchingAnyOf(List<Class<? extends Throwable>> types) {
    return failure -> {
      for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
        for (Class<? extends Throwable> type : types) {
          if (type.isInstance(t)) {
            return true;
          }
        }
      }
      return false;
    };
  }

  Consumer<byte[], byte[]> newKafkaConsumer() {
    return kafkaConsumer.apply(kafkaConfig);
  }

  /** Closes the deserializer if the consumer created it; a handed-in one stays its owner's. */
  void closeOwnDeserializer() {
    if (ownDeserializerOpen.compareAndSet(true, false)) {
      valueDeserializer.close();
    }
  }

  Object groupId() {
    return kafkaConfig.get(ConsumerConfig.GROUP_ID_CONFIG);
  }

  /** The topic, group and setting names: never a value, which may be a password. */
  @Override
  public String toString() {
    return "ConsumerSettings{topic="
        + topic
        + ", group="
        + groupId()
        + ", kafka settings="
        + new TreeSet<>(kafkaConfig.keySet())
        + "}";
  }
}
