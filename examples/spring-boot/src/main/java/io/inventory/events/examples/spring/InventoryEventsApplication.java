package io.inventory.events.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot service on {@code inventory.{env}.events}: {@link StockEventListener} consumes
 * every event type with the contract's deserializer, {@link DeadLetterConfiguration} retries and
 * dead-letters the contract's way, and {@link PublishingConfiguration} publishes through the
 * contract's validation. Everything Kafka-side is set in {@code application.yaml}.
 */
@SpringBootApplication
public class InventoryEventsApplication {
  public static void main(String[] args) {
    SpringApplication.run(InventoryEventsApplication.class, args);
  }
}
