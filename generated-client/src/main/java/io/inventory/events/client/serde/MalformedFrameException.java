package io.inventory.events.client.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The bytes of a record value are not a Confluent frame this client can read: the magic byte is not
 * {@code 0}, the frame is shorter than its 5-byte header, or the Avro body does not decode with the
 * writer's schema.
 *
 * <p>Such a record can never be processed, so it is not retried: a consumer sends it to the
 * dead-letter topic. The message names topic, partition and offset where they are known.
 */
public final class MalformedFrameException extends SerializationException {
  private static final long serialVersionUID = 1L;

  public MalformedFrameException(String message) {
    super(message);
  }

  public MalformedFrameException(String message, Throwable cause) {
    super(message, cause);
  }
}
