package io.inventory.events.registry;

/**
 * The registry did not answer, or answered with a server error, on every attempt the client's retry
 * settings allow. Transient: the same request may succeed later, so consumers retry it with their
 * back-off instead of dead-lettering the record.
 */
public final class RegistryUnavailableException extends SchemaRegistryException {
  private static final long serialVersionUID = 1L;

  RegistryUnavailableException(
      String message, String registryUrl, String subject, int statusCode, Throwable cause) {
    super(message, registryUrl, subject, statusCode, -1, cause);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
