package io.inventory.events.client.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inventory.events.avro.StockAllocated;
import io.inventory.events.avro.StockAllocatedPayload;
import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.Environment;
import io.inventory.events.client.InvalidEventException;
import io.inventory.events.client.InventoryEventPublisher;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** RecordingPublisher used as a team would: hand its publisher to a service, assert on events. */
class RecordingPublisherTest {
  /** A team's code under test: reserves stock and publishes the allocation. */
  static final class ReservationService {
    private final InventoryEventPublisher publisher;

    ReservationService(InventoryEventPublisher publisher) {
      this.publisher = publisher;
    }

    CompletableFuture<RecordMetadata> reserve(String productId, String quantity) {
      StockAllocated sample = SampleEvents.stockAllocated();
      return publisher.publish(
          StockAllocated.newBuilder(sample)
              .setPayload(
                  StockAllocatedPayload.newBuilder(sample.getPayload())
                      .setProductId(productId)
                      .setQuantity(new BigDecimal(quantity))
                      .build())
              .build());
    }
  }

  private final RecordingPublisher recording = RecordingPublisher.create(Environment.DEV);

  @Test
  void recordsTheEventWithTheContractsKeyTopicAndHeaders() {
    new ReservationService(recording.publisher()).reserve("PROD-7", "2.5").join();

    ProducerRecord<String, SpecificRecord> sent = recording.published().get(0);
    assertThat(sent.topic()).isEqualTo("inventory.dev.events");
    assertThat(sent.key()).isEqualTo("PROD-7");
    assertThat(header(sent, "event-type")).isEqualTo("STOCK_ALLOCATED");
    assertThat(header(sent, "event-id")).isEqualTo("6f1c1f6e-3d5a-4f4e-9c1a-000000000003");
    assertThat(header(sent, "correlation-id")).isEqualTo(SampleEvents.CORRELATION_ID);
    assertThat(recording.events(StockAllocated.class))
        .singleElement()
        .extracting(event -> event.getPayload().getQuantity())
        .isEqualTo(new BigDecimal("2.5"));
  }

  @Test
  void invalidEventThrowsAsThePublisherDoesAndIsNotRecorded() {
    ReservationService service = new ReservationService(recording.publisher());

    assertThatThrownBy(() -> service.reserve("PROD-7", "-1"))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage(
            "Invalid StockAllocated: must be greater than zero but was -1 at $.payload.quantity. Fix the"
                + " event and send it again; nothing was sent.");
    assertThat(recording.published()).isEmpty();
  }

  @Test
  void everyEventTypeIsRecordedInOrder() {
    SampleEvents.all().forEach(event -> recording.publisher().publish(event).join());

    assertThat(recording.events()).containsExactlyElementsOf(SampleEvents.all());
    assertThat(recording.events(StockLevelChanged.class)).hasSize(1);
  }

  @Test
  void failedSendsCompleteTheFutureExceptionallyUntilReset() {
    recording.failSendsWith(new TimeoutException("broker unreachable"));
    CompletableFuture<RecordMetadata> failed =
        recording.publisher().publish(SampleEvents.lowStockAlert());
    recording.failSendsWith(null);
    recording.publisher().publish(SampleEvents.lowStockAlert()).join();

    assertThatThrownBy(failed::join).hasCauseInstanceOf(TimeoutException.class);
    assertThat(recording.published()).hasSize(1);
  }

  @Test
  void clearForgetsWhatWasPublished() {
    recording.publisher().publish(SampleEvents.stockAdjusted()).join();
    recording.clear();

    assertThat(recording.events()).isEmpty();
  }

  private static String header(ProducerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), UTF_8);
  }
}
