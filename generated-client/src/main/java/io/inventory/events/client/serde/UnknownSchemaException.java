package io.inventory.events.client.serde;

/**
 * A well-formed frame names a schema id that the registry does not know, or a writer schema that
 * cannot be resolved into the reader's class.
 *
 * <p>Not retried: a consumer sends the record to the dead-letter topic. The message names the
 * schema id; see {@link UndecodableRecordException} for where it says the record was.
 */
public final class UnknownSchemaException extends UndecodableRecordException {
  private static final long serialVersionUID = 1L;

  /** A failure with no known location; the message is {@code detail} as given. */
  public UnknownSchemaException(String detail) {
    this(detail, null, -1, -1L, null);
  }

  /** A failure with no known location, caused by {@code cause}. */
  public UnknownSchemaException(String detail, Throwable cause) {
    this(detail, null, -1, -1L, cause);
  }

  /**
   * @param detail what is wrong, without the location
   * @param topic the record's topic, or {@code null}
   * @param partition the record's partition, or {@code -1} if unknown
   * @param offset the record's offset, or {@code -1} if unknown
   */
  public UnknownSchemaException(
      String detail, String topic, int partition, long offset, Throwable cause) {
    super(detail, topic, partition, offset, cause);
  }

  @Override
  public UnknownSchemaException withLocation(int partition, long offset) {
    return new UnknownSchemaException(detail(), topic(), partition, offset, getCause());
  }
}
