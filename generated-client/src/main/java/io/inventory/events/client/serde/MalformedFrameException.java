package io.inventory.events.client.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The bytes of a record value are not a Confluent frame this client can read: the magic byte is not
 * {@code 0}, the frame is shorter than its 5-byte header, or the Avro body does not decode with the
 * writer's schema.
 *
 * <p>Such a record can never be processed, so it is not retried: a consumer sends it to the
 * dead-letter topic. The message ends with where the record is: the topic (the deserializer knows
 * only that), or topic, partition and offset once a consumer has called {@link #withLocation}.
 */
public final class MalformedFrameException extends SerializationException {
  private static final long serialVersionUID = 1L;

  private final String detail;
  private final String topic;
  private final int partition;
  private final long offset;

  /** A failure with no known location; the message is {@code detail} as given. */
  public MalformedFrameException(String detail) {
    this(detail, null, -1, -1L, null);
  }

  /** A failure with no known location, caused by {@code cause}. */
  public MalformedFrameException(String detail, Throwable cause) {
    this(detail, null, -1, -1L, cause);
  }

  /**
   * @param detail what is wrong, without the location
   * @param topic the record's topic, or {@code null}
   * @param partition the record's partition, or {@code -1} if unknown
   * @param offset the record's offset, or {@code -1} if unknown
   */
  public MalformedFrameException(String detail, String topic, int partition, long offset, Throwable cause) {
    super(detail + location(topic, partition, offset), cause);
    this.detail = detail;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
  }

  /**
   * The same failure, located at {@code partition} and {@code offset} of its topic: a consumer calls
   * this on the cause of Kafka's {@code RecordDeserializationException}, which knows them.
   */
  public MalformedFrameException withLocation(int partition, long offset) {
    return new MalformedFrameException(detail, topic, partition, offset, getCause());
  }

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

  static String location(String topic, int partition, long offset) {
    if (topic == null) {
      return "";
    }
    return partition < 0
        ? " (topic " + topic + ")"
        : " (topic " + topic + ", partition " + partition + ", offset " + offset + ")";
  }
}
