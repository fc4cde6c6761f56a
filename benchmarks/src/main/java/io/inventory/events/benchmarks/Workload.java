package io.inventory.events.benchmarks;

import io.inventory.events.avro.StockLevelChanged;
import io.inventory.events.client.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The events every side sends: a pool of distinct STOCK_LEVEL_CHANGED events over 1,000 products,
 * cycled, and for the floor the same events already serialized (key, framed value and the three
 * headers). A pool rather than a million objects keeps the heap small and the work equal.
 */
final class Workload {
  static final int POOL = 10_000;
  static final int PRODUCTS = 1_000;
  static final String EVENT_TYPE_HEADER = "event-type";
  static final String EVENT_ID_HEADER = "event-id";
  static final String CORRELATION_ID_HEADER = "correlation-id";

  final StockLevelChanged[] events = new StockLevelChanged[POOL];
  final byte[][] keys = new byte[POOL][];
  final byte[][] values = new byte[POOL][];
  final Header[][] headers = new Header[POOL][];
  final double meanValueBytes;

  /** {@code serializer} frames the values for {@code topic}, as the publisher would. */
  Workload(Serializer<? super StockLevelChanged> serializer, String topic) {
    long total = 0;
    for (int i = 0; i < POOL; i++) {
      StockLevelChanged event = SampleEvents.numbered("PROD-" + (i % PRODUCTS), i);
      events[i] = event;
      keys[i] = event.getPayload().getProductId().getBytes(StandardCharsets.UTF_8);
      values[i] = serializer.serialize(topic, event);
      headers[i] = headersOf(event);
      total += values[i].length;
    }
    meanValueBytes = (double) total / POOL;
  }

  StockLevelChanged event(long sequence) {
    return events[(int) (sequence % POOL)];
  }

  /** The three headers the publisher writes, encoded as a user of the peer would per event. */
  static Header[] headersOf(StockLevelChanged event) {
    return new Header[] {
      new RecordHeader(EVENT_TYPE_HEADER, event.getEventType().getBytes(StandardCharsets.UTF_8)),
      new RecordHeader(
          EVENT_ID_HEADER, event.getEventId().toString().getBytes(StandardCharsets.UTF_8)),
      new RecordHeader(
          CORRELATION_ID_HEADER,
          event.getMetadata().getCorrelationId().getBytes(StandardCharsets.UTF_8))
    };
  }

  /** Microseconds since the epoch, the resolution latency is measured in. */
  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}
