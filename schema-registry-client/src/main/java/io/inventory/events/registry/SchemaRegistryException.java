package io.inventory.events.registry;

/**
 * The schema registry refused a request, or could not be reached after the client's bounded
 * retries.
 *
 * <p>The message names the registry (never its credentials), the request, the subject where there
 * is one, the HTTP status and the registry's own error code, and says what to check. Subclasses
 * split the failures by what a caller does next: {@link SchemaNotFoundException} (register the
 * schema, or the id is not this registry's), {@link IncompatibleSchemaException} (fix the schema),
 * {@link RegistryUnavailableException} (transient: retry later).
 */
public class SchemaRegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String registryUrl;
  private final String subject;
  private final int statusCode;
  private final int errorCode;

  SchemaRegistryException(
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

  /** The registry base URL the failed request went to, without any user info. */
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
   * schema not found, {@code 409} incompatible), or {@code -1} when the answer carried none.
   */
  public int errorCode() {
    return errorCode;
  }

  /** Whether the same request may succeed later unchanged: no answer, or a 5xx answer. */
  public boolean isTransient() {
    return false;
  }
}
