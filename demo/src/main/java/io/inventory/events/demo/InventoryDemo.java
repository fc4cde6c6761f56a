package io.inventory.events.demo;

import io.inventory.events.avro.AlertSeverity;
import io.inventory.events.avro.AllocationReleaseReason;
import io.inventory.events.avro.AllocationReleased;
import io.inventory.events.avro.AllocationReleasedPayload;
import io.inventory.events.avro.BatchInfo;
import io.inventory.events.avro.EventMetadata;
import io.inventory.events.avro.LowStockAlert;
import io.inventory.events.avro.LowStockAlertPayload;
import io.inventory.events.avro.StockAllocated;
import io.inventory.events.avro.StockAllocatedPayload;
import io.inventory.events.avro.StockChangeReason;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.avro.StockLevelChangedPayload;
import io.inventory.events.avro.UnitOfMeasure;
import io.inventory.events.client.ConsumerMetrics;
import io.inventory.events.client.DeadLetterPublisher;
import io.inventory.events.client.Environment;
import io.inventory.events.client.InvalidEventException;
import io.inventory.events.client.InventoryEventConsumer;
import io.inventory.events.client.InventoryEventPublisher;
import io.inventory.events.stack.InventoryStack;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The channel end to end in one run: starts the embedded stack (or uses {@code
 * KAFKA_BOOTSTRAP_SERVERS} and {@code SCHEMA_REGISTRY_URL}), publishes the seed's stock change and
 * three more events, shows an invalid event refused before sending, sends a poison record, and lets
 * a typed consumer handle the events and dead-letter the poison.
 *
 * <p>Run it with {@code mvn -q install -DskipTests && mvn -q -pl demo exec:java}.
 */
public final class InventoryDemo {
  private static final Environment ENV = Environment.DEV;
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private InventoryDemo() {}

  public static void main(String[] args) throws Exception {
    say("Starting Kafka and the schema registry (the first run unpacks the registry)...");
    try (InventoryStack stack = InventoryStack.start()) {
      say("Broker %s, registry %s", stack.bootstrapServers(), stack.schemaRegistryUrl());
      stack.createTopic(ENV.topic(), 6);
      stack.createTopic(DeadLetterPublisher.topicFor(ENV.topic()), 6);

      publishEvents(stack);
      sendPoisonRecord(stack);
      consumeEvents(stack);
    }
    say("Stopped the stack. Done.");
  }

  private static void publishEvents(InventoryStack stack) {
    try (InventoryEventPublisher publisher =
        InventoryEventPublisher.builder()
            .environment(ENV)
            .bootstrapServers(stack.bootstrapServers())
            .schemaRegistryUrl(stack.schemaRegistryUrl())
            .property("auto.register.schemas", true) // a real deployment registers schemas in CI
            .build()) {
      for (SpecificRecord event :
          List.of(seedStockChange(), lowStockAlert(), allocation(), release())) {
        RecordMetadata sent = publisher.publish(event).join();
        say(
            "Published %-20s to %s partition %d offset %d",
            event.getClass().getSimpleName(), sent.topic(), sent.partition(), sent.offset());
      }
      StockLevelChanged negative =
          StockLevelChanged.newBuilder(seedStockChange())
              .setPayload(
                  StockLevelChangedPayload.newBuilder(seedStockChange().getPayload())
                      .setNewQuantity(new BigDecimal("-5"))
                      .build())
              .build();
      try {
        publisher.publish(negative);
      } catch (InvalidEventException refused) {
        say("Refused before sending: %s", refused.getMessage());
      }
    }
  }

  /** Bytes no Avro deserializer can read, as a buggy producer might send them. */
  private static void sendPoisonRecord(InventoryStack stack) throws Exception {
    Map<String, Object> config = Map.of("bootstrap.servers", stack.bootstrapServers());
    try (KafkaProducer<String, byte[]> raw =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      raw.send(
              new ProducerRecord<>(
                  ENV.topic(), "PROD-456", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
    say("Sent a poison record (JSON instead of a Confluent Avro frame) for PROD-456");
  }

  private static void consumeEvents(InventoryStack stack) throws InterruptedException {
    try (InventoryEventConsumer consumer =
        InventoryEventConsumer.builder()
            .environment(ENV)
            .bootstrapServers(stack.bootstrapServers())
            .schemaRegistryUrl(stack.schemaRegistryUrl())
            .on(
                StockLevelChanged.class,
                (e, context) ->
                    say(
                        "Handled stock change   %s: %s -> %s %s",
                        e.getPayload().getProductId(),
                        e.getPayload().getPreviousQuantity(),
                        e.getPayload().getNewQuantity(),
                        e.getPayload().getUnitOfMeasure()))
            .on(
                LowStockAlert.class,
                (e, context) ->
                    say(
                        "Handled low stock      %s: %s left (threshold %s)",
                        e.getPayload().getProductId(),
                        e.getPayload().getCurrentQuantity(),
                        e.getPayload().getThresholdQuantity()))
            .on(
                StockAllocated.class,
                (e, context) ->
                    say(
                        "Handled allocation     %s: %s %s for %s",
                        e.getPayload().getProductId(),
                        e.getPayload().getQuantity(),
                        e.getPayload().getUnitOfMeasure(),
                        e.getPayload().getOrderId()))
            .on(
                AllocationReleased.class,
                (e, context) ->
                    say(
                        "Handled release        %s: %s (%s)",
                        e.getPayload().getProductId(),
                        e.getPayload().getAllocationId(),
                        e.getPayload().getReleaseReason()))
            .build()) {
      consumer.start();
      ConsumerMetrics metrics = awaitProcessed(consumer, 4, 1);
      say(
          "Consumer counters: %d processed, %d dead-lettered to %s, %d unknown, %d retried",
          metrics.processed(),
          metrics.deadLettered(),
          DeadLetterPublisher.topicFor(ENV.topic()),
          metrics.unknown(),
          metrics.retried());
    }
  }

  private static ConsumerMetrics awaitProcessed(
      InventoryEventConsumer consumer, long processed, long deadLettered)
      throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      ConsumerMetrics metrics = consumer.metrics();
      if (metrics.processed() >= processed && metrics.deadLettered() >= deadLettered) {
        return metrics;
      }
      Thread.sleep(100); // polling for a person watching, not synchronising a test
    }
    throw new IllegalStateException(
        "The consumer did not finish within " + DEADLINE + "; counters: " + consumer.metrics());
  }

  private static StockLevelChanged seedStockChange() {
    return StockLevelChanged.newBuilder()
        .setEventId(UUID.fromString("6f1c2d8e-3b7a-4c59-9d0e-2a4b6c8d0e1f"))
        .setTimestamp(Instant.now())
        .setPayload(
            StockLevelChangedPayload.newBuilder()
                .setProductId("PROD-456")
                .setLocationId("WH-123")
                .setPreviousQuantity(new BigDecimal("100"))
                .setNewQuantity(new BigDecimal("95"))
                .setChangeReason(StockChangeReason.ORDER_FULFILLED)
                .setUnitOfMeasure(UnitOfMeasure.EACH)
                .setBatchInfo(
                    BatchInfo.newBuilder()
                        .setBatchId("BATCH-789")
                        .setExpiryDate(LocalDate.parse("2025-12-31"))
                        .build())
                .build())
        .setMetadata(metadata("warehouse_system", "inv-xyz-123"))
        .build();
  }

  private static LowStockAlert lowStockAlert() {
    return LowStockAlert.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTimestamp(Instant.now())
        .setPayload(
            LowStockAlertPayload.newBuilder()
                .setProductId("PROD-456")
                .setLocationId("WH-123")
                .setCurrentQuantity(new BigDecimal("5"))
                .setThresholdQuantity(new BigDecimal("10"))
                .setUnitOfMeasure(UnitOfMeasure.EACH)
                .setSeverity(AlertSeverity.LOW)
                .build())
        .setMetadata(metadata("replenishment_service", "inv-xyz-123"))
        .build();
  }

  private static StockAllocated allocation() {
    return StockAllocated.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTimestamp(Instant.now())
        .setPayload(
            StockAllocatedPayload.newBuilder()
                .setProductId("PROD-789")
                .setLocationId("WH-123")
                .setAllocationId("ALLOC-1001")
                .setOrderId("ORD-5001")
                .setQuantity(new BigDecimal("2.5"))
                .setUnitOfMeasure(UnitOfMeasure.KG)
                .build())
        .setMetadata(metadata("order_service", "ord-5001"))
        .build();
  }

  private static AllocationReleased release() {
    return AllocationReleased.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTimestamp(Instant.now())
        .setPayload(
            AllocationReleasedPayload.newBuilder()
                .setProductId("PROD-789")
                .setLocationId("WH-123")
                .setAllocationId("ALLOC-1001")
                .setOrderId("ORD-5001")
                .setQuantity(new BigDecimal("2.5"))
                .setUnitOfMeasure(UnitOfMeasure.KG)
                .setReleaseReason(AllocationReleaseReason.CANCELLED)
                .build())
        .setMetadata(metadata("order_service", "ord-5001"))
        .build();
  }

  private static EventMetadata metadata(String source, String correlationId) {
    return EventMetadata.newBuilder().setSource(source).setCorrelationId(correlationId).build();
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(format, args));
  }
}
