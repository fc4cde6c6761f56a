package io.inventory.events.client.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * What the two kinds of undecodable record share: the detail, and where the record was. Not public:
 * callers match on {@link MalformedFrameException} or {@link UnknownSchemaException}, or on Kafka's
 * {@link SerializationException} for both.
 */
abstract sealed class UndecodableRecordException extends SerializationException
    permits MalformedFrameException, UnknownSchemaException {
  private static final long serialVersionUID = 1L;

  private final String detail;
  private final String topic;
  private final int partition;
  private final long offset;

  UndecodableRecordException(
      String detail, String topic, int partition, long offset, Throwable cause) {
    super(detail + location(topic, partition, offset), cause);
    this.detail = detail;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
  }

  /**
   * The same failure, located at {@code partition} and {@code offset} of its topic: a consumer that
   * decodes the bytes itself, or reads Kafka's {@code RecordDeserializationException}, knows them.
   */
  public abstract UndecodableRecordException withLocation(int partition, long offset);

  /** What is wrong, without the location. */
  public String detail() {
    return detail;
  }

  /** The record's topic, or {@code null} if unknown. */
  public String topic() {
    return topic;
  }

  /** The record's partition, or {@code -1} if unknown. */
  public int partition() {
    return partition;
  }

  /** The record's offset, or {@code -1} if unknown. */
  public long offset() {
    return offset;
  }

  private static String location(String topic, int partition, long offset) {
    if (topic == null) {
      return "";
    }
    return partition < 0
        ? " (topic " + topic + ")"
        : " (topic " + topic + ", partition " + partition + ", offset " + offset + ")";
  }
}
