package io.inventory.events.client.testing;

import io.inventory.events.client.Environment;
import io.inventory.events.client.InvalidEventException;
import io.inventory.events.client.InventoryEventPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real {@link InventoryEventPublisher} with no broker underneath, recording what was published,
 * like Kafka's {@code MockProducer}. Hand {@link #publisher()} to the code under test, then assert
 * on {@link #published()} or {@link #events()}.
 *
 * <p>The publisher is the client's own class built over a {@code MockProducer}, not a look-alike:
 * validation ({@link InvalidEventException} listing every violation, nothing recorded), the key
 * ({@code payload.productId}), the {@code event-type}, {@code event-id} and {@code correlation-id}
 * headers and the returned future behave exactly as in production. Each event is also encoded as
 * the contract's Avro frame, so an event Avro cannot write fails as it would on a broker. Sends
 * complete at once unless {@link #failSendsWith} says otherwise. Thread-safe.
 *
 * <pre>{@code
 * RecordingPublisher recording = RecordingPublisher.create(Environment.DEV);
 * new StockService(recording.publisher()).reserve("PROD-456", 3);   // your code
 * assertThat(recording.events(StockAllocated.class)).singleElement()
 *     .extracting(event -> event.getPayload().getProductId()).isEqualTo("PROD-456");
 * assertThat(recording.published().get(0).key()).isEqualTo("PROD-456");
 * }</pre>
 */
public final class RecordingPublisher {
  private final MockProducer<String, SpecificRecord> producer;
  private final InventoryEventPublisher publisher;

  private RecordingPublisher(String topic) {
    Serializer<SpecificRecord> frames = (t, event) -> InMemoryRegistry.get().frame(event);
    this.producer = new MockProducer<>(true, null, new StringSerializer(), frames);
    this.publisher =
        InventoryEventPublisher.builder().topic(topic).kafkaProducer(config -> producer).build();
  }

  /**
   * A recording publisher of {@code environment}'s topic, for example {@code inventory.dev.events}.
   */
  public static RecordingPublisher create(Environment environment) {
    Objects.requireNonNull(environment, "environment == null");
    return new RecordingPublisher(environment.topic());
  }

  /** A recording publisher of {@code topic}. */
  public static RecordingPublisher create(String topic) {
    return new RecordingPublisher(Objects.requireNonNull(topic, "topic == null"));
  }

  /** The publisher to hand to the code under test; closing it ends recording. */
  public InventoryEventPublisher publisher() {
    return publisher;
  }

  /**
   * Every record published so far, oldest first, as it would have reached Kafka: topic, key ({@code
   * productId}), value (the event) and headers. Invalid events are never here.
   */
  public List<ProducerRecord<String, SpecificRecord>> published() {
    return producer.history();
  }

  /** The events published so far, oldest first. */
  public List<SpecificRecord> events() {
    List<SpecificRecord> events = new ArrayList<>();
    producer.history().forEach(record -> events.add(record.value()));
    return events;
  }

  /** The events of {@code type} published so far, oldest first. */
  public <T extends SpecificRecord> List<T> events(Class<T> type) {
    Objects.requireNonNull(type, "type == null");
    List<T> events = new ArrayList<>();
    for (ProducerRecord<String, SpecificRecord> record : producer.history()) {
      if (type.isInstance(record.value())) {
        events.add(type.cast(record.value()));
      }
    }
    return events;
  }

  /**
   * Makes every later {@code publish} return a future that fails with {@code error}, as a broker
   * outage or a timeout would (nothing is recorded); {@code null} lets sends succeed again. For
   * testing what your code does when publishing fails.
   */
  public void failSendsWith(KafkaException error) {
    synchronized (producer) {
      producer.sendException = error;
    }
  }

  /** Forgets what was published so far. */
  public void clear() {
    producer.clear();
  }
}
