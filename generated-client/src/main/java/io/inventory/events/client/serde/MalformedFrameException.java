package io.inventory.events.client.serde;

/**
 * The bytes of a record value are not a Confluent frame this client can read: the magic byte is not
 * {@code 0}, the frame is shorter than its 5-byte header, or the Avro body does not decode with the
 * writer's schema.
 *
 * <p>Such a record can never be processed, so it is not retried: a consumer sends it to the
 * dead-letter topic. See {@link UndecodableRecordException} for where the message says it was.
 */
public final class MalformedFrameException extends UndecodableRecordException {
  private static final long serialVersionUID = 1L;

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
  public MalformedFrameException(
      String detail, String topic, int partition, long offset, Throwable cause) {
    super(detail, topic, partition, offset, cause);
  }

  @Override
  public MalformedFrameException withLocation(int partition, long offset) {
    return new MalformedFrameException(detail(), topic(), partition, offset, getCause());
  }
}
