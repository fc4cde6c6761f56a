package io.inventory.events.examples.spring;

import io.inventory.events.client.InventoryEventPublisher;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishing through the contract's validation on Spring's producer: the client's {@link
 * InventoryEventPublisher} (validation before send, key {@code productId}, the {@code event-type},
 * {@code event-id} and {@code correlation-id} headers) sends on a producer from the {@link
 * KafkaTemplate}'s factory, so every {@code spring.kafka.producer.*} setting applies. Neither a
 * Kafka nor a Spring producer interceptor can refuse a record, hence the publisher in front.
 */
@Configuration(proxyBeanMethods = false)
public class PublishingConfiguration {

  @Bean(destroyMethod = "close")
  @SuppressWarnings("unchecked")
  InventoryEventPublisher inventoryEventPublisher(
      KafkaTemplate<?, ?> template, @Value("${inventory.events.topic}") String topic) {
    return InventoryEventPublisher.builder()
        .topic(topic)
        .kafkaProducer(
            config ->
                (Producer<String, SpecificRecord>)
                    (Producer<?, ?>) template.getProducerFactory().createProducer())
        .build();
  }
}
