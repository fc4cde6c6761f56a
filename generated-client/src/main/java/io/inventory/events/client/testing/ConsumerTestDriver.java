package io.inventory.events.client.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.inventory.events.client.ConsumerMetrics;
import io.inventory.events.client.DeadLetterPublisher;
import io.inventory.events.client.InvalidEventException;
import io.inventory.events.client.InventoryEventConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Drives your {@link InventoryEventConsumer}'s handlers without a broker: you send events (or raw
 * poison bytes, or an event type this build does not know), then {@link #processAll()} and assert
 * on your handlers' effects, on {@link #deadLetters()}, {@link #metrics()} and {@link
 * #committed()}.
 *
 * <p>What runs is the client's real consumer loop, built from your builder, over Kafka's {@code
 * MockConsumer}: the same dispatch by event type, the same retries with your {@code BackOff}
 * (waiting in real time, so give tests a short one), the same not-retryable failures, the same
 * unknown-event path (never dead-lettered), the same commits. Values are real Confluent frames
 * decoded by the client's own deserializer against an in-memory registry, so poison bytes fail
 * exactly as in production; dead letters are written by the client's own {@link
 * DeadLetterPublisher#toTopic} to a {@code MockProducer}, so they carry the original bytes and
 * every {@code dlt-*} header. Events go to a partition by the murmur2 hash of their key, as Kafka's
 * producer sends them; per-product order holds as on a broker.
 *
 * <pre>{@code
 * List<String> restocked = new ArrayList<>();
 * try (ConsumerTestDriver driver = ConsumerTestDriver.of(InventoryEventConsumer.builder()
 *     .environment(Environment.DEV)
 *     .on(StockLevelChanged.class, (event, context) -> restocked.add(event.getPayload().getProductId()))
 *     .backOff(BackOff.fixed(Duration.ofMillis(10), 2)))) {
 *   driver.send(SampleEvents.stockLevelChanged())
 *       .sendBytes("PROD-9", "{\"not\":\"avro\"}".getBytes(UTF_8))
 *       .processAll();
 *   assertThat(restocked).containsExactly("PROD-456");
 *   assertThat(driver.deadLetters()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>{@link #of} completes the builder with the driver's Kafka consumer, deserializer and
 * dead-letter publisher, replacing any you set; use the builder for nothing else afterwards. Send
 * from one thread; everything else is thread-safe.
 */
public final class ConsumerTestDriver implements AutoCloseable {
  /** How long {@link #processAll()} waits by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final DriverConsumer kafka;
  private final int partitions;
  private final RecordingPublisher encoder;
  private final InventoryEventConsumer consumer;
  private final Thread pollThread;
  private volatile Throwable failure;
  private MockProducer<byte[], byte[]> deadLetterProducer; // guarded by this
  private DeadLetterPublisher deadLetterPublisher; // guarded by this

  private ConsumerTestDriver(InventoryEventConsumer.Builder builder, int partitions) {
    this.kafka = new DriverConsumer(partitions);
    this.partitions = partitions;
    this.consumer =
        builder
            .kafkaConsumer(config -> kafka)
            .valueDeserializer(InMemoryRegistry.get().deserializer())
            .deadLetterPublisher(
                (record, cause) -> deadLetterPublisher(record).publish(record, cause))
            .build();
    this.pollThread = new Thread(this::runConsumer, "consumer-test-driver");
    pollThread.setDaemon(true);
    pollThread.start();
    awaitSubscription();
    this.encoder = RecordingPublisher.create(kafka.topic());
  }

  /**
   * Builds the consumer from {@code builder} on one partition and starts it on its own thread.
   *
   * @throws IllegalStateException if the builder has no topic ({@code environment(...)} or {@code
   *     topic(...)})
   */
  public static ConsumerTestDriver of(InventoryEventConsumer.Builder builder) {
    return of(builder, 1);
  }

  /**
   * As {@link #of(InventoryEventConsumer.Builder)}, on {@code partitions} partitions, for tests of
   * per-product order while another product's record is being retried.
   *
   * @throws IllegalArgumentException if {@code partitions < 1}
   */
  public static ConsumerTestDriver of(InventoryEventConsumer.Builder builder, int partitions) {
    Objects.requireNonNull(builder, "builder == null");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1 but was " + partitions);
    }
    return new ConsumerTestDriver(builder, partitions);
  }

  /** The topic the consumer reads, for example {@code inventory.dev.events}. */
  public String topic() {
    return kafka.topic();
  }

  /**
   * Appends {@code event} as the contract's publisher would write it: validated, keyed by {@code
   * payload.productId}, with the {@code event-type}, {@code event-id} and {@code correlation-id}
   * headers, as a Confluent frame.
   *
   * @throws InvalidEventException if {@code event} breaks a contract rule (a publisher would never
   *     have sent it; to test a consumer against such bytes, use {@link #sendBytes})
   */
  public ConsumerTestDriver send(SpecificRecord event) {
    encoder.publisher().publish(Objects.requireNonNull(event, "event == null"));
    ProducerRecord<String, SpecificRecord> published = encoder.published().get(0);
    encoder.clear();
    return append(
        published.key(), InMemoryRegistry.get().frame(event), published.headers().toArray());
  }

  /** {@link #send(SpecificRecord)} for each of {@code events}, in order. */
  public ConsumerTestDriver sendAll(List<? extends SpecificRecord> events) {
    events.forEach(this::send);
    return this;
  }

  /**
   * Appends a record with these raw bytes as its value, without headers: poison bytes (not a
   * Confluent frame, an unknown schema id, a corrupt body) or a {@code null} tombstone.
   */
  public ConsumerTestDriver sendBytes(String key, byte[] value) {
    return append(key, value, new RecordHeaders().toArray());
  }

  /**
   * Appends an event of a type this build has no class for, as a newer producer would publish it: a
   * frame whose writer schema is a record named {@code recordName}, for example {@code
   * io.inventory.events.avro.StockTransferred}. The consumer hands it to its unknown-event handler.
   */
  public ConsumerTestDriver sendUnknownType(String recordName, String productId) {
    Objects.requireNonNull(recordName, "recordName == null");
    return append(
        productId, InMemoryRegistry.get().unknownFrame(recordName), new RecordHeaders().toArray());
  }

  private ConsumerTestDriver append(String key, byte[] value, Header[] headers) {
    byte[] keyBytes = key == null ? null : key.getBytes(UTF_8);
    int partition = keyBytes == null ? 0 : Utils.toPositive(Utils.murmur2(keyBytes)) % partitions;
    TopicPartition topicPartition = new TopicPartition(topic(), partition);
    Headers recordHeaders = new RecordHeaders(headers);
    synchronized (kafka) {
      kafka.append(
          new ConsumerRecord<>(
              topic(),
              partition,
              kafka.endOffset(topicPartition),
              System.currentTimeMillis(),
              TimestampType.CREATE_TIME,
              keyBytes == null ? -1 : keyBytes.length,
              value == null ? -1 : value.length,
              keyBytes,
              value,
              recordHeaders,
              Optional.empty()));
    }
    return this;
  }

  /** {@link #processAll(Duration)} waiting at most {@link #DEFAULT_TIMEOUT}. */
  public ConsumerTestDriver processAll() {
    return processAll(DEFAULT_TIMEOUT);
  }

  /**
   * Waits until every record sent so far is finished with (processed, skipped, handed to the
   * unknown-event handler, or dead-lettered) and its offset committed, including the retries its
   * back-off allows.
   *
   * @throws IllegalStateException if that takes longer than {@code timeout}, naming each partition
   *     with records left; or if the consumer stopped because a handler threw an {@link Error}
   *     (which is the cause)
   */
  public ConsumerTestDriver processAll(Duration timeout) {
    long deadline =
        System.nanoTime() + Objects.requireNonNull(timeout, "timeout == null").toNanos();
    while (true) {
      if (failure != null) {
        throw new IllegalStateException("The consumer stopped: " + failure, failure);
      }
      List<String> behind = unfinished();
      if (behind.isEmpty()) {
        return this;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new IllegalStateException(
            "Records still unfinished after "
                + timeout
                + ": "
                + String.join(", ", behind)
                + "; metrics "
                + metrics()
                + ". A handler may still be retrying: give the builder a shorter backOff(...).");
      }
      pause();
    }
  }

  private List<String> unfinished() {
    List<String> behind = new ArrayList<>();
    Map<TopicPartition, Long> committed = kafka.committedOffsets();
    for (int p = 0; p < partitions; p++) {
      TopicPartition partition = new TopicPartition(topic(), p);
      long end = kafka.endOffset(partition);
      long done = committed.getOrDefault(partition, 0L);
      if (done < end) {
        behind.add(partition + " committed " + done + " of " + end);
      }
    }
    return behind;
  }

  /**
   * The records dead-lettered so far, oldest first, as written to {@code <topic>.dlt}: same
   * partition, original key and value bytes and headers, plus the {@link
   * DeadLetterPublisher#HEADERS dlt-* headers}.
   */
  public synchronized List<ProducerRecord<byte[], byte[]>> deadLetters() {
    return deadLetterProducer == null ? List.of() : deadLetterProducer.history();
  }

  /** The consumer's counters: processed, retried, dead-lettered, unknown, skipped. */
  public ConsumerMetrics metrics() {
    return consumer.metrics();
  }

  /** The committed offset (the next one to read) of each partition that has committed one. */
  public Map<TopicPartition, Long> committed() {
    return kafka.committedOffsets();
  }

  /** Closes the consumer as in production: finishes the in-flight record, commits, stops. */
  @Override
  public void close() {
    consumer.close();
    try {
      pollThread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void runConsumer() {
    try {
      consumer.run();
    } catch (Throwable t) {
      failure = t;
    }
  }

  private void awaitSubscription() {
    try {
      while (!kafka.subscribed().await(10, TimeUnit.MILLISECONDS)) {
        if (failure != null || !pollThread.isAlive()) {
          throw new IllegalStateException("The consumer did not start: " + failure, failure);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting the consumer", e);
    }
  }

  /** The client's own dead-letter publisher over a mock producer of the dead-letter topic. */
  private synchronized DeadLetterPublisher deadLetterPublisher(ConsumerRecord<?, ?> record) {
    if (deadLetterPublisher == null) {
      String topic = DeadLetterPublisher.topicFor(record.topic());
      Node node = new Node(0, "localhost", 9092);
      List<PartitionInfo> infos = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        infos.add(new PartitionInfo(topic, p, node, new Node[] {node}, new Node[] {node}));
      }
      Cluster cluster =
          new Cluster("consumer-test-driver", List.of(node), infos, Set.of(), Set.of());
      deadLetterProducer =
          new MockProducer<>(
              cluster, true, null, new ByteArraySerializer(), new ByteArraySerializer());
      deadLetterPublisher = DeadLetterPublisher.toTopic(deadLetterProducer);
    }
    return deadLetterPublisher;
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the consumer", e);
    }
  }
}
