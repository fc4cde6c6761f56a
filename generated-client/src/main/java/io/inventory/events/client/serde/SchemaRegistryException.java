package io.inventory.events.client.serde;

import org.apache.kafka.common.KafkaException;

/**
 * The schema registry refused a request or could not be reached, after the client's bounded
 * retries.
 *
 * <p>The message names the registry, the request, the subject (where there is one), the HTTP status
 * and the registry's own error code, and says what to check. A status of {@code -1} means no answer
 * came back at all (connection refused, timeout). Once every schema an application uses has been
 * looked up, producing and consuming make no registry call, so this can only happen on the first
 * use of a schema or schema id.
 */
public final class SchemaRegistryException extends KafkaException {
  private static final long serialVersionUID = 1L;

  private final String registryUrl;
  private final String subject;
  private final int statusCode;
  private final int errorCode;

  public SchemaRegistryException(
      String message,
      String registryUrl,
      String subject,
      int statusCode,
      int errorCode,
      Throwable cause) {
    super(message, cause);
    this.registryUrl = registryUrl;
    this.subject = subject;
    this.statusCode = statusCode;
    this.errorCode = errorCode;
  }

  /** The registry base URL the failed request went to. */
  public String registryUrl() {
    return registryUrl;
  }

  /** The subject the request was about, or {@code null} (lookups by schema id have none). */
  public String subject() {
    return subject;
  }

  /** The HTTP status of the last answer, or {@code -1} when the registry never answered. */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The registry's {@code error_code} (for example {@code 40401} subject not found, {@code 40403}
   * schema not found), or {@code -1} when the answer carried none.
   */
  public int errorCode() {
    return errorCode;
  }
}
