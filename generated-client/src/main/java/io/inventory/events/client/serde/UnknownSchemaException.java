package io.inventory.events.client.serde;

/**
 * A well-formed frame names a schema id that the registry does not know, or a writer schema that
 * cannot be resolved into the reader's class.
 *
 * <p>Not retried: a consumer sends the record to the dead-letter topic. The message names the
 * schema id and ends with where the record is: its topic, as the deserializer knows it, or topic,
 * partition and offset once a consumer has called {@link #withLocation}.
 */
public final class UnknownSchemaException extends UndecodableRecordException {
  private static final long serialVersionUID = 1L;

  UnknownSchemaException(String detail, String topic, Throwable cause) {
    this(detail, topic, -1, -1L, cause);
  }

  private UnknownSchemaException(
      String detail, String topic, int partition, long offset, Throwable cause) {
    super(detail, topic, partition, offset, cause);
  }

  @Override
  public UnknownSchemaException withLocation(int partition, long offset) {
    return new UnknownSchemaException(detail(), topic(), partition, offset, getCause());
  }
}
