package io.inventory.events.client.serde;

/**
 * The bytes of a record value are not a Confluent frame this client can read: the magic byte is not
 * {@code 0}, the frame is shorter than its 5-byte header, or the Avro body does not decode with the
 * writer's schema.
 *
 * <p>Such a record can never be processed, so it is not retried: a consumer sends it to the
 * dead-letter topic. The message ends with where the record is: its topic, as the deserializer
 * knows it, or topic, partition and offset once a consumer has called {@link #withLocation}.
 */
public final class MalformedFrameException extends UndecodableRecordException {
  private static final long serialVersionUID = 1L;

  MalformedFrameException(String detail, String topic, Throwable cause) {
    this(detail, topic, -1, -1L, cause);
  }

  private MalformedFrameException(
      String detail, String topic, int partition, long offset, Throwable cause) {
    super(detail, topic, partition, offset, cause);
  }

  @Override
  public MalformedFrameException withLocation(int partition, long offset) {
    return new MalformedFrameException(detail(), topic(), partition, offset, getCause());
  }
}
