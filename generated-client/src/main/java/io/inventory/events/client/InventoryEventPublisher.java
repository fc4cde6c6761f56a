package io.inventory.events.client;

import io.inventory.events.client.internal.EventValidator;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
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
 * serializer (for example Confluent's {@code KafkaAvroSerializer}). For tests, {@link
 * Builder#kafkaProducer} puts Kafka's {@code MockProducer} underneath. Instances are thread-safe:
 * share one per application, as with {@link KafkaProducer}.
 */
public final class InventoryEventPublisher implements AutoCloseable {
  static final String EVENT_TYPE_HEADER = "event-type";
  static final String EVENT_ID_HEADER = "event-id";
  static final String CORRELATION_ID_HEADER = "correlation-id";

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_CACHED_EVENT_TYPES = 64;

  private final Producer<String, SpecificRecord> producer;
  private final String topic;
  private final Map<String, byte[]> eventTypeHeaders = new ConcurrentHashMap<>();

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
   *     event of a type, a {@code SchemaRegistryException} if the registry refuses or cannot be
   *     reached
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
    headers.add(EVENT_TYPE_HEADER, eventTypeBytes(field(event, "eventType")));
    headers.add(EVENT_ID_HEADER, utf8(field(event, "eventId")));
    headers.add(CORRELATION_ID_HEADER, utf8(field(metadata, "correlationId")));
    return new ProducerRecord<>(topic, null, productId, event, headers);
  }

  /**
   * The event type is one constant per class (validation has checked it): encode each once. The
   * bytes are shared by every record of that type; Kafka only reads header values.
   */
  private byte[] eventTypeBytes(Object eventType) {
    String type = eventType.toString();
    byte[] bytes = eventTypeHeaders.get(type);
    if (bytes == null) {
      bytes = type.getBytes(StandardCharsets.UTF_8);
      if (eventTypeHeaders.size() < MAX_CACHED_EVENT_TYPES) {
        eventTypeHeaders.putIfAbsent(type, bytes);
      }
    }
    return bytes;
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
    if (value instanceof UUID) {
      return ascii((UUID) value);
    }
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code uuid.toString()}'s bytes, without building the string first. */
  private static byte[] ascii(UUID uuid) {
    byte[] text = new byte[36];
    long high = uuid.getMostSignificantBits();
    long low = uuid.getLeastSignificantBits();
    hex(text, 0, high >>> 32, 8);
    text[8] = '-';
    hex(text, 9, high >>> 16, 4);
    text[13] = '-';
    hex(text, 14, high, 4);
    text[18] = '-';
    hex(text, 19, low >>> 48, 4);
    text[23] = '-';
    hex(text, 24, low, 12);
    return text;
  }

  private static void hex(byte[] into, int at, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      into[at + i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
  }

  /**
   * Configures an {@link InventoryEventPublisher}. Required: a topic ({@link #environment} or
   * {@link #topic}), {@link #bootstrapServers} and {@link #schemaRegistryUrl} (or a {@link
   * #valueSerializer}). Any Kafka producer property may be given; {@code acks=all} and {@code
   * enable.idempotence=true} are set for you, a setting that turns either off is refused, and so
   * are serializer classes. {@link EventSerdeConfig} keys configure the serializer and never reach
   * the Kafka producer. What you hand in (a serializer) stays yours to close; what the builder
   * creates, including what a {@link #kafkaProducer} factory returns, the publisher closes. Not
   * thread-safe.
   */
  public static final class Builder extends KafkaClientBuilder<Builder> {
    private static final Map<String, Object> FORCED =
        Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);

    private Serializer<? super SpecificRecord> valueSerializer;
    private Function<Map<String, Object>, Producer<String, SpecificRecord>> kafkaProducer;

    private Builder() {
      super(ClientProperties.forProducer());
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Serializes values with {@code valueSerializer} instead of {@link InventoryEventSerializer},
     * for example Confluent's {@code KafkaAvroSerializer}. Give it configured: the publisher does
     * not call its {@code configure}, and does not close it.
     */
    public Builder valueSerializer(Serializer<? super SpecificRecord> valueSerializer) {
      this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer == null");
      return this;
    }

    /**
     * Creates the Kafka producer from the final settings instead of {@link KafkaProducer}: for
     * tests, {@code config -> mockProducer} with Kafka's {@code MockProducer}. Validation, key and
     * headers apply as usual; bootstrap servers and registry URL are then not required. The
     * publisher closes what the factory returns.
     */
    public Builder kafkaProducer(
        Function<Map<String, Object>, Producer<String, SpecificRecord>> factory) {
      this.kafkaProducer = Objects.requireNonNull(factory, "factory == null");
      return this;
    }

    /**
     * @throws IllegalStateException naming what is missing: the topic, bootstrap servers or
     *     registry URL
     * @throws org.apache.kafka.common.config.ConfigException if the producer or serializer rejects
     *     a property
     */
    public InventoryEventPublisher build() {
      if (topic == null) {
        throw new IllegalStateException(ClientProperties.NO_TOPIC);
      }
      Map<String, Object> config = properties.kafkaConfig(FORCED);
      if (kafkaProducer != null) {
        return new InventoryEventPublisher(kafkaProducer.apply(config), topic);
      }
      properties.requireBootstrapServers("inject a producer with kafkaProducer(...)");
      return new InventoryEventPublisher(
          new KafkaProducer<>(config, new StringSerializer(), valueSerializer()), topic);
    }

    private Serializer<SpecificRecord> valueSerializer() {
      if (valueSerializer != null) {
        return new HandedIn(valueSerializer);
      }
      properties.requireRegistryUrl("give a configured valueSerializer(...)");
      InventoryEventSerializer serializer = new InventoryEventSerializer();
      serializer.configure(properties.serdeConfig(), false);
      return serializer;
    }
  }

  /** A serializer handed to the builder: the producer uses it, whoever handed it in closes it. */
  private static final class HandedIn implements Serializer<SpecificRecord> {
    private final Serializer<? super SpecificRecord> serializer;

    HandedIn(Serializer<? super SpecificRecord> serializer) {
      this.serializer = serializer;
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord event) {
      return serializer.serialize(topic, event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, SpecificRecord event) {
      return serializer.serialize(topic, headers, event);
    }

    @Override
    public void close() {}
  }
}
