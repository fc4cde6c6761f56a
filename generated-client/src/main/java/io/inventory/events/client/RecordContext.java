package io.inventory.events.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The {@link EventContext} of one delivery of one record. */
final class RecordContext implements EventContext {
  private final ConsumerRecord<byte[], byte[]> record;
  private final int deliveryAttempt;

  RecordContext(ConsumerRecord<byte[], byte[]> record, int deliveryAttempt) {
    this.record = record;
    this.deliveryAttempt = deliveryAttempt;
  }

  static String describe(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }

  @Override
  public String topic() {
    return record.topic();
  }

  @Override
  public int partition() {
    return record.partition();
  }

  @Override
  public long offset() {
    return record.offset();
  }

  @Override
  public Instant timestamp() {
    return Instant.ofEpochMilli(record.timestamp());
  }

  @Override
  public String key() {
    return record.key() == null ? null : new String(record.key(), UTF_8);
  }

  @Override
  public Headers headers() {
    // A copy: handlers must not change what a later retry or the dead-letter topic sees.
    RecordHeaders copy = new RecordHeaders(record.headers().toArray());
    copy.setReadOnly();
    return copy;
  }

  @Override
  public int deliveryAttempt() {
    return deliveryAttempt;
  }

  @Override
  public String toString() {
    return describe(record);
  }
}
