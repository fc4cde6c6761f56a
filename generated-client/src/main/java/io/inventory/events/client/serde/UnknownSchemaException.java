package io.inventory.events.client.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A well-formed frame names a schema id that the registry does not know, or a writer schema that
 * cannot be resolved into the reader's class.
 *
 * <p>Not retried: a consumer sends the record to the dead-letter topic. The message names the schema
 * id and, where known, topic, partition and offset.
 */
public final class UnknownSchemaException extends SerializationException {
  private static final long serialVersionUID = 1L;

  public UnknownSchemaException(String message) {
    super(message);
  }

  public UnknownSchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
