package io.inventory.events.client.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value that this client can never turn into an event: either the bytes are not a readable
 * frame ({@link MalformedFrameException}) or the frame names a schema that cannot be used ({@link
 * UnknownSchemaException}). Retrying cannot help, so a consumer dead-letters such records.
 *
 * <p>The message ends with where the record is: the topic (all the deserializer knows), or topic,
 * partition and offset once a consumer has called {@link #withLocation}.
 */
public abstract sealed class UndecodableRecordException extends SerializationException
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
