package io.inventory.events.client;

import io.inventory.events.client.internal.EventValidator;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes inventory events to {@code inventory.{env}.events} the way the contract requires: keyed
 * by {@code payload.productId}, validated before anything is sent, with {@code acks=all} and
 * idempotence always on, and with the {@code event-type}, {@code event-id} and {@code
 * correlation-id} headers.
 *
 * <pre>{@code
 * try (InventoryEventPublisher publisher = InventoryEventPublisher.builder()
 *     .environment(Environment.DEV)
 *     .bootstrapServers("localhost:9092")
 *     .schemaRegistryUrl("http://localhost:8080/apis/ccompat/v7")
 *     .build()) {
 *   StockLevelChanged event = StockLevelChanged.newBuilder()
 *       .setEventId(UUID.randomUUID())
 *       .setTimestamp(Instant.now())
 *       .setPayload(StockLevelChangedPayload.newBuilder()
 *           .setProductId("PROD-456").setLocationId("WH-123")
 *           .setPreviousQuantity(new BigDecimal("100")).setNewQuantity(new BigDecimal("95"))
 *           .setChangeReason(StockChangeReason.ORDER_FULFILLED)
 *           .setUnitOfMeasure(UnitOfMeasure.EACH)
 *           .build())
 *       .setMetadata(EventMetadata.newBuilder()
 *           .setSource("warehouse_system").setCorrelationId("inv-xyz-123").build())
 *       .build();
 *   RecordMetadata sent = publisher.publish(event).join();
 * }
 * }</pre>
 *
 * <p>Values are serialized by {@link InventoryEventSerializer} unless the builder is given another
 * serializer (for example Confluent's {@code KafkaAvroSerializer}). Instances are thread-safe:
 * share one per application, as with {@link KafkaProducer}.
 */
public final class InventoryEventPublisher implements AutoCloseable {
  static final String EVENT_TYPE_HEADER = "event-type";

  static final String EVENT_ID_HEADER = "event-id";
  static final String CORRELATION_ID_HEADER = "correlation-id";

  private final Producer<String, SpecificRecord> producer;
  private final String topic;

  private InventoryEventPublisher(Producer<String, SpecificRecord> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** A builder; {@link Builder#environment}, bootstrap servers and registry URL are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The topic every event goes to, for example {@code inventory.dev.events}. */
  public String topic() {
    return topic;
  }

  /**
   * Validates {@code event} and sends it asynchronously, keyed by its {@code payload.productId}.
   *
   * @return completes with the record's partition and offset once every in-sync replica has it, or
   *     exceptionally with Kafka's error (for example a {@code TimeoutException}) or, on the first
   *     event of a type, a {@link io.inventory.events.client.serde.SchemaRegistryException} if the
   *     registry refuses or cannot be reached
   * @throws InvalidEventException listing every violation, if {@code event} breaks a rule of the
   *     contract; nothing is sent
   * @throws NullPointerException if {@code event} is null
   * @throws IllegalStateException if the publisher is closed
   */
  public CompletableFuture<RecordMetadata> publish(SpecificRecord event) {
    Objects.requireNonNull(event, "event == null");
    List<String> violations = EventValidator.violations(event);
    if (!violations.isEmpty()) {
      throw new InvalidEventException(event.getSchema().getName(), violations);
    }
    CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
    try {
      producer.send(
          record(event),
          (metadata, error) -> {
            if (error != null) {
              sent.completeExceptionally(error);
            } else {
              sent.complete(metadata);
            }
          });
    } catch (KafkaException e) {
      sent.completeExceptionally(e);
    }
    return sent;
  }

  /** Blocks until every event published so far is acknowledged or has failed. */
  public void flush() {
    producer.flush();
  }

  /**
   * Sends what is buffered, waiting up to {@code timeout}, and releases the producer. Idempotent.
   */
  public void close(Duration timeout) {
    producer.close(Objects.requireNonNull(timeout, "timeout == null"));
  }

  /** {@link #close(Duration)} waiting as long as it takes. */
  @Override
  public void close() {
    producer.close();
  }

  private ProducerRecord<String, SpecificRecord> record(SpecificRecord event) {
    IndexedRecord payload = (IndexedRecord) field(event, "payload");
    IndexedRecord metadata = (IndexedRecord) field(event, "metadata");
    String productId = field(payload, "productId").toString();
    RecordHeaders headers = new RecordHeaders();
    headers.add(EVENT_TYPE_HEADER, utf8(field(event, "eventType")));
    headers.add(EVENT_ID_HEADER, utf8(field(event, "eventId")));
    headers.add(CORRELATION_ID_HEADER, utf8(field(metadata, "correlationId")));
    return new ProducerRecord<>(topic, null, productId, event, headers);
  }

  private static Object field(IndexedRecord record, String name) {
    Schema.Field field = record.getSchema().getField(name);
    if (field == null) {
      throw new IllegalArgumentException(
          record.getSchema().getFullName()
              + " is not an inventory"
              + " event: it has no field \""
              + name
              + "\". Publish one of the generated classes of"
              + " io.inventory.events.avro.");
    }
    return record.get(field.pos());
  }

  private static byte[] utf8(Object value) {
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Collects the settings of an {@link InventoryEventPublisher}. Any Kafka producer property may be
   * given; {@code acks=all} and {@code enable.idempotence=true} are set for you, and a setting that
   * turns either off is refused. Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, Object> properties = new HashMap<>();
    private Environment environment;
    private String topic;
    private Serializer<? super SpecificRecord> valueSerializer;
    private Producer<String, SpecificRecord> producer;

    private Builder() {}

    /** The environment whose topic to publish to. Required. */
    public Builder environment(Environment environment) {
      this.environment = Objects.requireNonNull(environment, "environment == null");
      return this;
    }

    /**
     * Publishes to {@code topic} instead of the environment's {@code inventory.{env}.events}: for
     * tests on per-test topics. Subjects follow the topic ({@code <topic>-<full.record.Name>}).
     */
    public Builder topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic == null");
      return this;
    }

    /** Kafka's {@code bootstrap.servers}, for example {@code localhost:9092}. Required. */
    public Builder bootstrapServers(String bootstrapServers) {
      return property(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
          Objects.requireNonNull(bootstrapServers, "bootstrapServers == null"));
    }

    /**
     * The registry's base URL ({@value EventSerdeConfig#SCHEMA_REGISTRY_URL_CONFIG}). Required
     * unless a configured {@link #valueSerializer} is given.
     */
    public Builder schemaRegistryUrl(String url) {
      return property(
          EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, Objects.requireNonNull(url, "url == null"));
    }

    /**
     * Any Kafka producer property or {@link EventSerdeConfig} key, passed through unchanged.
     * Checked by {@link #build()}.
     */
    public Builder property(String key, Object value) {
      properties.put(
          Objects.requireNonNull(key, "key == null"),
          Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /** {@link #property} for each entry. */
    public Builder properties(Map<String, ?> properties) {
      Objects.requireNonNull(properties, "properties == null").forEach(this::property);
      return this;
    }

    /**
     * A serializer to use for values instead of {@link InventoryEventSerializer}, for example
     * Confluent's {@code KafkaAvroSerializer}, already configured: the producer does not call its
     * {@code configure}. It is closed with the publisher. (Alternatively, set the {@code
     * value.serializer} property to a class name, and the producer configures it from these
     * properties.)
     */
    public Builder valueSerializer(Serializer<? super SpecificRecord> valueSerializer) {
      this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer == null");
      return this;
    }

    /**
     * Publishes through {@code producer} instead of a new {@link KafkaProducer}: for tests, with
     * Kafka's {@code MockProducer}. Validation, key and headers apply as usual; the producer's own
     * settings are not checked. Closed with the publisher.
     */
    public Builder producer(Producer<String, SpecificRecord> producer) {
      this.producer = Objects.requireNonNull(producer, "producer == null");
      return this;
    }

    /**
     * @throws IllegalStateException if a required setting is missing
     * @throws IllegalArgumentException if a property turns off {@code acks=all} or idempotence, or
     *     sets the key serializer
     * @throws org.apache.kafka.common.config.ConfigException if the producer or serializer rejects
     *     a property
     */
    public InventoryEventPublisher build() {
      if (environment == null && topic == null) {
        throw new IllegalStateException(
            "Must set environment(...): it selects the topic" + " inventory.{env}.events.");
      }
      String target = topic != null ? topic : environment.topic();
      if (producer != null) {
        return new InventoryEventPublisher(producer, target);
      }
      Map<String, Object> config = producerConfig();
      return new InventoryEventPublisher(
          new KafkaProducer<>(config, new StringSerializer(), valueSerializer(config)), target);
    }

    private Map<String, Object> producerConfig() {
      Map<String, Object> config = new HashMap<>(properties);
      require(config, ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "bootstrapServers(...)");
      refuseUnless(
          config,
          ProducerConfig.ACKS_CONFIG,
          List.of("all", "-1"),
          "Must set acks=all: the contract requires every in-sync replica to have an event before"
              + " it counts as published.");
      refuseUnless(
          config,
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
          List.of("true"),
          "Must set enable.idempotence=true: the contract guarantees per-product order.");
      if (config.containsKey(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG)) {
        throw new IllegalArgumentException(
            "Remove key.serializer: the key is always the"
                + " UTF-8 productId, serialized by the publisher.");
      }
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      return config;
    }

    @SuppressWarnings("unchecked")
    private Serializer<SpecificRecord> valueSerializer(Map<String, Object> config) {
      if (valueSerializer != null) {
        // A Serializer<Object> serializes any SpecificRecord; Java's generics cannot say so.
        return (Serializer<SpecificRecord>) valueSerializer;
      }
      if (config.containsKey(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)) {
        return null; // KafkaProducer instantiates and configures the named class.
      }
      require(config, EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "schemaRegistryUrl(...)");
      InventoryEventSerializer serializer = new InventoryEventSerializer();
      serializer.configure(config, false);
      return serializer;
    }

    private static void require(Map<String, Object> config, String key, String setter) {
      if (!config.containsKey(key)) {
        throw new IllegalStateException("Must set " + setter + " (" + key + ").");
      }
    }

    private static void refuseUnless(
        Map<String, Object> config, String key, List<String> allowed, String message) {
      Object value = config.get(key);
      if (value != null
          && !allowed.contains(value.toString().trim().toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(message + " Found " + key + "=" + value + ".");
      }
    }
  }
}
