package io.inventory.events.examples.spring;

import io.inventory.events.client.DeadLetterPublisher;
import io.inventory.events.client.InvalidEventException;
import io.inventory.events.client.serde.InventoryEventSerializer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead letters the contract's way with Spring Kafka's own parts: a {@link
 * DefaultErrorHandler} with a fixed back-off ({@code inventory.events.retry.*}), then a {@link
 * DeadLetterPublishingRecoverer} writing to {@code <topic>.dlt} (the client's {@link
 * DeadLetterPublisher#topicFor}), same partition, original key, value and headers plus the
 * contract's {@code dlt-*} headers instead of Spring's {@code kafka_dlt-*} ones. Undecodable
 * records (Spring's {@code DeserializationException}) and {@link InvalidEventException} are never
 * retried. Boot wires the {@code DefaultErrorHandler} bean into the listener container.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

  @Bean
  DefaultErrorHandler errorHandler(
      DeadLetterPublishingRecoverer recoverer,
      @Value("${inventory.events.retry.interval:250ms}") Duration interval,
      @Value("${inventory.events.retry.max-retries:5}") long maxRetries) {
    DefaultErrorHandler handler =
        new DefaultErrorHandler(recoverer, new FixedBackOff(interval.toMillis(), maxRetries));
    handler.addNotRetryableExceptions(InvalidEventException.class);
    return handler;
  }

  @Bean
  DeadLetterPublishingRecoverer deadLetterRecoverer(ProducerFactory<?, ?> producerFactory) {
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            deadLetterTemplate(producerFactory),
            (record, exception) ->
                new TopicPartition(
                    DeadLetterPublisher.topicFor(record.topic()), record.partition()));
    recoverer.excludeHeader(HeadersToAdd.values());
    recoverer.setHeadersFunction(ContractDeadLetterHeaders::of);
    return recoverer;
  }

  /**
   * The dead-letter producer: the application's producer settings, with the raw bytes of an
   * undecodable record written as they are and a decoded event written with the contract's
   * serializer under its source topic's subject, so it gets back its schema id and bytes.
   */
  private static KafkaTemplate<String, Object> deadLetterTemplate(ProducerFactory<?, ?> factory) {
    Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
    byType.put(byte[].class, new ByteArraySerializer());
    byType.put(SpecificRecord.class, new SourceSubjectSerializer());
    return new KafkaTemplate<>(
        new DefaultKafkaProducerFactory<>(
            factory.getConfigurationProperties(),
            new StringSerializer(),
            new DelegatingByTypeSerializer(byType, true)));
  }

  /** The contract's serializer, asked for the dead-letter topic's source topic. */
  static final class SourceSubjectSerializer implements Serializer<SpecificRecord> {
    private final InventoryEventSerializer contract = new InventoryEventSerializer();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
      contract.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord event) {
      return contract.serialize(sourceOf(topic), event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, SpecificRecord event) {
      return contract.serialize(sourceOf(topic), headers, event);
    }

    @Override
    public void close() {
      contract.close();
    }

    private static String sourceOf(String topic) {
      return topic.endsWith(DeadLetterPublisher.TOPIC_SUFFIX)
          ? topic.substring(0, topic.length() - DeadLetterPublisher.TOPIC_SUFFIX.length())
          : topic;
    }
  }
}
