package io.inventory.events.client;

import io.inventory.events.client.consumer.BackOff;
import io.inventory.events.client.consumer.ConsumerMetrics;
import io.inventory.events.client.consumer.ContextualEventHandler;
import io.inventory.events.client.consumer.DeadLetterPublisher;
import io.inventory.events.client.consumer.EventHandler;
import io.inventory.events.client.consumer.internal.ConsumerLoop;
import io.inventory.events.client.consumer.internal.Counters;
import io.inventory.events.client.consumer.internal.Dispatcher;
import io.inventory.events.client.consumer.internal.LoopSettings;
import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code inventory.{env}.events} and hands each event to the handler registered for its
 * type, at least once, in order per product, committing offsets in batches only after processing.
 *
 * <pre>{@code
 * try (InventoryEventConsumer consumer = InventoryEventConsumer.builder()
 *     .bootstrapServers("localhost:9092")
 *     .schemaRegistryUrl("http://localhost:8080/apis/ccompat/v7")
 *     .environment(Environment.DEV)                       // topic inventory.dev.events
 *     .on(StockLevelChanged.class, event -> stock.apply(event))
 *     .onWithContext(LowStockAlert.class, (event, context) -> alerts.raise(event, context.key()))
 *     .build()) {
 *   consumer.start();                                     // polls on its own thread
 *   ...
 * }                                                       // close(): finish, commit, leave the group
 * }</pre>
 *
 * <p>Defaults follow the channel's reference consumer: group {@code inventory-processor-group},
 * {@code auto.offset.reset=earliest}, {@code enable.auto.commit=false}. Records are read as bytes
 * and decoded in the loop, so a record that cannot be decoded still reaches the dead-letter topic
 * with its original bytes. A handler failure is retried with the {@link BackOff} (the partition is
 * paused and rewound meanwhile, so no later record of that product overtakes it and {@code
 * max.poll.interval.ms} is never exceeded by waiting); a record that cannot be processed ({@link
 * SerializationException}, {@link InvalidEventException}, a class given to {@link
 * Builder#notRetryable}, or retries exhausted) goes to the {@link DeadLetterPublisher}, and its
 * offset is committed only after that write is acknowledged. An event type this build has no class
 * for reaches the unknown-event handler (by default: logged once per type, counted, skipped) and is
 * never dead-lettered.
 *
 * <p>Offsets are committed asynchronously after each poll (or each {@link Builder#commitInterval}),
 * synchronously before partitions are revoked and on {@link #close()}; a committed offset never
 * passes a record whose handler has not finished. Handlers run on the poll thread, one record at a
 * time. {@link #close()} and {@link #metrics()} are thread-safe; {@link #run()} and {@link
 * #start()} may be called once.
 */
public final class InventoryEventConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InventoryEventConsumer.class);

  /** The channel reference consumer's group, the default of {@link Builder#groupId}. */
  public static final String DEFAULT_GROUP_ID = "inventory-processor-group";

  private final Map<String, Object> kafkaConfig;
  private final Function<Map<String, Object>, Consumer<byte[], byte[]>> kafkaConsumerFactory;
  private final DeadLetterPublisher deadLetterPublisher;
  private final LoopSettings settings;
  private final Counters counters = new Counters();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile ConsumerLoop loop;
  private volatile Thread pollThread;

  private InventoryEventConsumer(Builder builder) {
    this.kafkaConfig = builder.kafkaConfig();
    this.kafkaConsumerFactory = builder.kafkaConsumerFactory;
    this.deadLetterPublisher = builder.deadLetterPublisher;
    this.settings =
        new LoopSettings(
            List.of(builder.topic),
            builder.valueDeserializer(),
            new Dispatcher(builder.handlers, builder.unknownHandler),
            builder.backOff,
            builder.deadLetterBackOff,
            notRetryable(builder.notRetryable),
            builder.commitInterval,
            builder.pollTimeout);
  }

  /** A builder with the defaults described on each of its methods. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts polling on a new thread named {@code inventory-event-consumer-<group>}; returns at once.
   * A failure that ends the loop (an {@link Error} thrown by a handler, a fatal Kafka error) is
   * logged at ERROR and stops the consumer.
   *
   * @throws IllegalStateException when the consumer was already started, run or closed
   */
  public InventoryEventConsumer start() {
    claimStart();
    Thread thread =
        new Thread(
            this::runLoggingFailure,
            "inventory-event-consumer-" + kafkaConfig.get(ConsumerConfig.GROUP_ID_CONFIG));
    thread.start();
    return this;
  }

  /**
   * Polls on the calling thread until {@link #close()} is called from another thread or a handler,
   * then commits what was processed and leaves the group.
   *
   * @throws IllegalStateException when the consumer was already started, run or closed
   * @throws Error what a handler threw, after the offsets of the records before it were committed
   * @throws org.apache.kafka.common.KafkaException on a fatal Kafka error (authorization, fencing)
   */
  public void run() {
    claimStart();
    runLoop();
  }

  private void claimStart() {
    if (closing.get()) {
      throw new IllegalStateException("This InventoryEventConsumer was closed; build a new one.");
    }
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException(
          "This InventoryEventConsumer is already running; start() or run() may be called once.");
    }
  }

  private void runLoggingFailure() {
    try {
      runLoop();
    } catch (Throwable t) {
      LOG.error("InventoryEventConsumer stopped: {}", t.toString(), t);
    }
  }

  private void runLoop() {
    pollThread = Thread.currentThread();
    Producer<byte[], byte[]> ownedProducer = null;
    try (Consumer<byte[], byte[]> consumer = kafkaConsumerFactory.apply(kafkaConfig)) {
      DeadLetterPublisher publisher = deadLetterPublisher;
      if (publisher == null) {
        ownedProducer = new KafkaProducer<>(deadLetterProducerConfig());
        publisher = DeadLetterPublisher.toTopic(ownedProducer);
      }
      loop = new ConsumerLoop(consumer, publisher, settings, counters, closing);
      if (!closing.get()) {
        loop.run();
      }
    } finally {
      if (ownedProducer != null) {
        ownedProducer.close(Duration.ofSeconds(5));
      }
      stopped.countDown();
    }
  }

  /**
   * The counters since this consumer was built: processed, retried, dead-lettered, unknown and
   * skipped records. Thread-safe; each call returns a new immutable snapshot.
   */
  public ConsumerMetrics metrics() {
    return counters.snapshot();
  }

  /**
   * Stops polling, lets the in-flight record finish, commits what was processed, leaves the group
   * and closes the Kafka clients; waits up to 30 s. Idempotent; safe from any thread, including a
   * handler (which then returns before the loop has stopped).
   */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /**
   * As {@link #close()}, waiting at most {@code timeout} for the in-flight record to finish. When
   * the wait times out, the loop still stops, commits and closes once that record is done.
   */
  public void close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout == null");
    closing.set(true);
    ConsumerLoop current = loop;
    if (current != null) {
      current.wakeup();
    }
    if (!started.get() || Thread.currentThread() == pollThread) {
      return;
    }
    awaitStop(timeout);
  }

  private void awaitStop(Duration timeout) {
    try {
      if (!stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "InventoryEventConsumer is still finishing its in-flight record after {}; it "
                + "commits and closes once that record is done.",
            timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Map<String, Object> deadLetterProducerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafkaConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Bounded so a dead-letter write never holds the poll loop near max.poll.interval.ms.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    for (String key :
        List.of(
            "security.protocol",
            "sasl.mechanism",
            "sasl.jaas.config",
            "ssl.truststore.location",
            "ssl.truststore.password",
            "ssl.keystore.location",
            "ssl.keystore.password",
            "ssl.key.password",
            "client.dns.lookup")) {
      if (kafkaConfig.containsKey(key)) {
        config.put(key, kafkaConfig.get(key));
      }
    }
    return config;
  }

  private static Predicate<Throwable> notRetryable(List<Class<? extends Throwable>> types) {
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

  /**
   * Configures an {@link InventoryEventConsumer}. Required: {@link #bootstrapServers}, a topic (via
   * {@link #environment} or {@link #topic}) and {@link #schemaRegistryUrl} (or a {@link
   * #valueDeserializer}). Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<Class<?>, ContextualEventHandler<Object>> handlers = new LinkedHashMap<>();
    private final List<Class<? extends Throwable>> notRetryable =
        new ArrayList<>(
            List.of(
                SerializationException.class,
                InvalidEventException.class,
                ClassCastException.class));
    private String topic;
    private Deserializer<?> valueDeserializer;
    private ContextualEventHandler<UnknownEvent> unknownHandler = new LogOncePerType();
    private BackOff backOff = BackOff.DEFAULT;
    private BackOff deadLetterBackOff =
        BackOff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Integer.MAX_VALUE);
    private DeadLetterPublisher deadLetterPublisher;
    private Duration commitInterval = Duration.ZERO;
    private Duration pollTimeout = Duration.ofMillis(500);
    private Function<Map<String, Object>, Consumer<byte[], byte[]>> kafkaConsumerFactory =
        KafkaConsumer::new;

    private Builder() {
      properties.put(ConsumerConfig.GROUP_ID_CONFIG, DEFAULT_GROUP_ID);
      properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }

    /** The Kafka cluster, for example {@code localhost:9092}. Required. */
    public Builder bootstrapServers(String bootstrapServers) {
      properties.put(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
          Objects.requireNonNull(bootstrapServers, "bootstrapServers == null"));
      return this;
    }

    /** Consumes {@code environment.topic()}, for example {@code inventory.dev.events}. */
    public Builder environment(Environment environment) {
      Objects.requireNonNull(environment, "environment == null");
      return topic(environment.topic());
    }

    /** Consumes {@code topic}; prefer {@link #environment}. */
    public Builder topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic == null");
      return this;
    }

    /** The consumer group. Default {@value InventoryEventConsumer#DEFAULT_GROUP_ID}. */
    public Builder groupId(String groupId) {
      properties.put(
          ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId == null"));
      return this;
    }

    /**
     * Any other Kafka consumer setting, for example {@code max.poll.records} or security settings
     * (which the default dead-letter producer shares). Default {@code auto.offset.reset=earliest}.
     *
     * @throws IllegalArgumentException for {@code enable.auto.commit=true} and for key or value
     *     deserializer classes, which the consumer sets itself
     */
    public Builder property(String key, Object value) {
      Objects.requireNonNull(key, "key == null");
      Objects.requireNonNull(value, "value == null");
      if (key.equals(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)) {
        if (Boolean.parseBoolean(value.toString())) {
          throw new IllegalArgumentException(
              "Must not set enable.auto.commit=true: the consumer "
                  + "commits offsets itself, only after their records were processed.");
        }
        return this;
      }
      if (key.equals(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG)
          || key.equals(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)) {
        throw new IllegalArgumentException(
            "Must not set "
                + key
                + ": the consumer reads bytes and "
                + "decodes them in its loop, so undecodable records can be dead-lettered; use "
                + "valueDeserializer(...) instead.");
      }
      properties.put(key, value);
      return this;
    }

    /**
     * The registry's Confluent-API base URL ({@value EventSerdeConfig#SCHEMA_REGISTRY_URL_CONFIG}),
     * for the default value deserializer, {@link InventoryEventDeserializer}, which is configured
     * with every {@link #property} (so {@link EventSerdeConfig} keys such as registry credentials
     * go there too). Required unless a {@link #valueDeserializer} is given.
     */
    public Builder schemaRegistryUrl(String url) {
      properties.put(
          EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, Objects.requireNonNull(url, "url == null"));
      return this;
    }

    /**
     * Decodes record values instead of {@link InventoryEventDeserializer}: into generated event
     * classes, or {@link UnknownEvent} for a type this build has no class for (for example
     * Confluent's {@code KafkaAvroDeserializer} with {@code specific.avro.reader=true}). Give it
     * configured ({@code configure} already called); the consumer does not close it.
     */
    public Builder valueDeserializer(Deserializer<?> valueDeserializer) {
      this.valueDeserializer =
          Objects.requireNonNull(valueDeserializer, "valueDeserializer == null");
      return this;
    }

    /**
     * Handles every event of {@code type} (or of a subtype, when no handler is registered for the
     * exact class). Events of types without a handler are skipped and counted.
     *
     * @throws IllegalArgumentException when {@code type} already has a handler
     */
    public <T> Builder on(Class<T> type, EventHandler<T> handler) {
      Objects.requireNonNull(handler, "handler == null");
      return onWithContext(type, (event, context) -> handler.handle(event));
    }

    /**
     * As {@link #on(Class, EventHandler)}, for a handler that also needs the record's key,
     * partition, offset, headers or delivery attempt. (A separate name, not an overload, so that
     * method references such as {@code list::add} stay unambiguous.)
     *
     * @throws IllegalArgumentException when {@code type} already has a handler
     */
    public <T> Builder onWithContext(Class<T> type, ContextualEventHandler<T> handler) {
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(handler, "handler == null");
      if (type == UnknownEvent.class) {
        throw new IllegalArgumentException("Use onUnknown(...) for UnknownEvent.");
      }
      if (handlers.containsKey(type)) {
        throw new IllegalArgumentException(type.getName() + " already has a handler.");
      }
      handlers.put(type, (event, context) -> handler.handle(type.cast(event), context));
      return this;
    }

    /**
     * Handles events of a type this build has no class for (a newer producer's). Default: log one
     * INFO line the first time each record name is seen, then skip; always counted as unknown. A
     * handler given here that throws is retried and dead-lettered like any other handler.
     */
    public Builder onUnknown(ContextualEventHandler<UnknownEvent> handler) {
      this.unknownHandler = Objects.requireNonNull(handler, "handler == null");
      return this;
    }

    /**
     * The retry schedule of a failing handler. Default {@link BackOff#DEFAULT}: 250 ms doubling to
     * 10 s, 5 retries. Use {@link BackOff#none()} to dead-letter on the first failure.
     */
    public Builder backOff(BackOff backOff) {
      this.backOff = Objects.requireNonNull(backOff, "backOff == null");
      return this;
    }

    /**
     * Failures that are never retried but dead-lettered at once, matched against the exception and
     * its causes. Always included: {@link SerializationException} (undecodable bytes, unknown
     * schema id), {@link InvalidEventException} and {@link ClassCastException}.
     */
    @SafeVarargs
    public final Builder notRetryable(Class<? extends Throwable>... types) {
      for (Class<? extends Throwable> type : types) {
        notRetryable.add(Objects.requireNonNull(type, "type == null"));
      }
      return this;
    }

    /**
     * Where records go that cannot be processed. Default: {@link DeadLetterPublisher#toTopic} with
     * a producer the consumer creates ({@code acks=all}, idempotent, the same bootstrap servers and
     * security settings) and closes, writing to {@code <topic>.dlt}.
     */
    public Builder deadLetterPublisher(DeadLetterPublisher publisher) {
      this.deadLetterPublisher = Objects.requireNonNull(publisher, "publisher == null");
      return this;
    }

    /**
     * The retry schedule of a failed dead-letter write; the partition stays paused meanwhile.
     * Default: 1 s doubling to 30 s, without end.
     */
    public Builder deadLetterBackOff(BackOff backOff) {
      this.deadLetterBackOff = Objects.requireNonNull(backOff, "backOff == null");
      return this;
    }

    /**
     * How often processed offsets are committed (asynchronously). Default {@link Duration#ZERO}:
     * after every poll that made progress. A longer interval means fewer commits and more records
     * delivered again after a crash.
     */
    public Builder commitInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval == null");
      if (interval.isNegative()) {
        throw new IllegalArgumentException(
            "commitInterval must not be negative but was " + interval);
      }
      this.commitInterval = interval;
      return this;
    }

    /** The longest a single poll waits for records. Default 500 ms. */
    public Builder pollTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("pollTimeout must be positive but was " + timeout);
      }
      this.pollTimeout = timeout;
      return this;
    }

    /**
     * Creates the Kafka consumer from the final settings; for tests with Kafka's {@code
     * MockConsumer}. Default {@code KafkaConsumer::new}. The consumer closes what it returns.
     */
    public Builder kafkaConsumer(Function<Map<String, Object>, Consumer<byte[], byte[]>> factory) {
      this.kafkaConsumerFactory = Objects.requireNonNull(factory, "factory == null");
      return this;
    }

    /**
     * @throws IllegalStateException naming what is missing: bootstrap servers, topic or registry
     *     URL
     * @throws org.apache.kafka.common.config.ConfigException when a registry setting is invalid
     */
    public InventoryEventConsumer build() {
      if (!properties.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
        throw new IllegalStateException(
            "bootstrapServers is not set: call "
                + "bootstrapServers(\"host:9092\") with your cluster's KAFKA_BOOTSTRAP_SERVERS.");
      }
      if (topic == null) {
        throw new IllegalStateException(
            "No topic: call environment(Environment.DEV) (or topic(\"inventory.dev.events\")).");
      }
      if (valueDeserializer == null
          && !properties.containsKey(EventSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG)) {
        throw new IllegalStateException(
            "schemaRegistryUrl is not set: call schemaRegistryUrl("
                + "\"http://host:8081\") with your SCHEMA_REGISTRY_URL, or give a configured "
                + "valueDeserializer(...).");
      }
      return new InventoryEventConsumer(this);
    }

    private Deserializer<?> valueDeserializer() {
      if (valueDeserializer != null) {
        return valueDeserializer;
      }
      InventoryEventDeserializer deserializer = new InventoryEventDeserializer();
      deserializer.configure(properties, false);
      return deserializer;
    }

    private Map<String, Object> kafkaConfig() {
      Map<String, Object> config = new HashMap<>(properties);
      config
          .keySet()
          .removeAll(EventSerdeConfig.configDef().names()); // the deserializer's, not Kafka's
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      return Map.copyOf(config);
    }
  }

  /** The default unknown-event handler: one INFO line per record name, then silence. */
  private static final class LogOncePerType implements ContextualEventHandler<UnknownEvent> {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public void handle(
        UnknownEvent event, io.inventory.events.client.consumer.EventContext context) {
      if (seen.add(event.recordName())) {
        LOG.info(
            "Skipping events of type {} (schema id {}, first at {}): this client version has no"
                + " class for it; upgrade inventory-events-client to process them. Further ones are"
                + " skipped and counted silently.",
            event.recordName(),
            event.schemaId(),
            context);
      }
    }
  }
}
