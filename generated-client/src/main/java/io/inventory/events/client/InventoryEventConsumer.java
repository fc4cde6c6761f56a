package io.inventory.events.client;

import io.inventory.events.client.serde.EventSerdeConfig;
import io.inventory.events.client.serde.InventoryEventDeserializer;
import io.inventory.events.client.serde.UnknownEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code inventory.{env}.events} and hands each event to the handler registered for its
 * type, at least once, in order per product, committing offsets in batches only after processing.
 *
 * <pre>{@code
 * try (InventoryEventConsumer consumer = InventoryEventConsumer.builder()
 *     .environment(Environment.DEV)                       // topic inventory.dev.events
 *     .bootstrapServers("localhost:9092")
 *     .schemaRegistryUrl("http://localhost:8080/apis/ccompat/v7")
 *     .on(StockLevelChanged.class, (event, context) -> stock.apply(event))
 *     .on(LowStockAlert.class, (event, context) -> alerts.raise(event, context.key()))
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

  private final ConsumerSettings settings;
  private final Counters counters = new Counters();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile ConsumerLoop loop;
  private volatile Thread pollThread;

  private InventoryEventConsumer(ConsumerSettings settings) {
    this.settings = settings;
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
    new Thread(this::runLoggingFailure, "inventory-event-consumer-" + settings.groupId()).start();
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

  /** Opens the Kafka clients this consumer owns, runs the loop, and closes them again. */
  private void runLoop() {
    pollThread = Thread.currentThread();
    Producer<byte[], byte[]> ownProducer = null;
    try (Consumer<byte[], byte[]> consumer = settings.newKafkaConsumer()) {
      DeadLetterPublisher deadLetters = settings.deadLetterPublisher();
      if (deadLetters == null) {
        ownProducer =
            new KafkaProducer<>(KafkaDeadLetterPublisher.producerConfig(settings.kafkaConfig()));
        deadLetters = DeadLetterPublisher.toTopic(ownProducer);
      }
      loop = new ConsumerLoop(consumer, deadLetters, settings, counters, closing);
      if (!closing.get()) {
        loop.run();
      }
    } finally {
      if (ownProducer != null) {
        ownProducer.close(Duration.ofSeconds(5));
      }
      settings.closeOwnDeserializer();
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
   * and closes what the consumer created; waits up to 30 s. Idempotent; safe from any thread,
   * including a handler (which then returns before the loop has stopped).
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
    if (!started.get()) {
      settings.closeOwnDeserializer();
      return;
    }
    if (Thread.currentThread() != pollThread) {
      awaitStop(timeout);
    }
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

  /**
   * Configures an {@link InventoryEventConsumer}. Required: a topic ({@link #environment} or {@link
   * #topic}), {@link #bootstrapServers} and {@link #schemaRegistryUrl} (or a {@link
   * #valueDeserializer}). Any Kafka consumer property may be given ({@code max.poll.records},
   * security settings, which the default dead-letter producer shares); defaults are {@code
   * auto.offset.reset=earliest} and the group {@value #DEFAULT_GROUP_ID}; {@code
   * enable.auto.commit=true} and deserializer classes are refused. {@link EventSerdeConfig} keys
   * configure the deserializer and never reach the Kafka consumer. What you hand in (a
   * deserializer, a dead-letter publisher) stays yours to close; what the builder creates,
   * including what a {@link #kafkaConsumer} factory returns, the consumer closes. Not thread-safe.
   */
  public static final class Builder extends KafkaClientBuilder<Builder> {
    final Map<Class<?>, EventHandler<Object>> handlers = new LinkedHashMap<>();
    final List<Class<? extends Throwable>> notRetryable =
        new ArrayList<>(
            List.of(
                SerializationException.class,
                InvalidEventException.class,
                ClassCastException.class));
    Deserializer<?> valueDeserializer;
    EventHandler<UnknownEvent> unknownHandler = new UnknownEventLog();
    BackOff backOff = BackOff.DEFAULT;
    BackOff deadLetterBackOff =
        BackOff.exponential(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), Integer.MAX_VALUE);
    DeadLetterPublisher deadLetterPublisher;
    Duration commitInterval = Duration.ZERO;
    Duration pollTimeout = Duration.ofMillis(500);
    Function<Map<String, Object>, Consumer<byte[], byte[]>> kafkaConsumer;

    private Builder() {
      super(ClientProperties.forConsumer());
      properties.put(ConsumerConfig.GROUP_ID_CONFIG, DEFAULT_GROUP_ID);
      properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }

    @Override
    Builder self() {
      return this;
    }

    /** The consumer group. Default {@value InventoryEventConsumer#DEFAULT_GROUP_ID}. */
    public Builder groupId(String groupId) {
      return property(
          ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId == null"));
    }

    /**
     * Decodes record values with {@code valueDeserializer} instead of {@link
     * InventoryEventDeserializer}: into generated event classes, or {@link UnknownEvent} for a type
     * this build has no class for. Give it configured: the consumer does not call its {@code
     * configure}, and does not close it.
     */
    public Builder valueDeserializer(Deserializer<?> valueDeserializer) {
      this.valueDeserializer =
          Objects.requireNonNull(valueDeserializer, "valueDeserializer == null");
      return this;
    }

    /**
     * Creates the Kafka consumer from the final settings instead of {@link KafkaConsumer}: for
     * tests, {@code config -> mockConsumer} with Kafka's {@code MockConsumer}. With a {@link
     * #deadLetterPublisher} too, bootstrap servers are not required. The consumer closes what the
     * factory returns.
     */
    public Builder kafkaConsumer(Function<Map<String, Object>, Consumer<byte[], byte[]>> factory) {
      this.kafkaConsumer = Objects.requireNonNull(factory, "factory == null");
      return this;
    }

    /**
     * Handles every event of {@code type} (or of a subtype, when no handler is registered for the
     * exact class). Events of types without a handler are skipped and counted.
     *
     * @throws IllegalArgumentException when {@code type} already has a handler
     */
    public <T> Builder on(Class<T> type, EventHandler<T> handler) {
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
    public Builder onUnknown(EventHandler<UnknownEvent> handler) {
      this.unknownHandler = Objects.requireNonNull(handler, "handler == null");
      return this;
    }

    /**
     * The retry schedule of a failing handler. Default {@link BackOff#DEFAULT}: 250 ms doubling to
     * 10 s, 5 retries. Use {@link BackOff#none()} to dead-letter on the first failure. A record
     * whose schema could not be fetched because the registry did not answer (a transient {@code
     * RegistryUnavailableException}) is never dead-lettered: once this back-off gives up it is
     * retried on the {@link #deadLetterBackOff} schedule until the registry answers.
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
     * Default: 1 s doubling to 30 s, without end. When it returns {@link BackOff#STOP} the consumer
     * stops before that record: it commits what was processed and {@link #run()} throws a {@link
     * org.apache.kafka.common.KafkaException} naming the record and the write failure.
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
     * @throws IllegalStateException naming what is missing: the topic, bootstrap servers or
     *     registry URL
     * @throws org.apache.kafka.common.config.ConfigException when a registry setting is invalid
     */
    public InventoryEventConsumer build() {
      return new InventoryEventConsumer(ConsumerSettings.of(this));
    }
  }
}
