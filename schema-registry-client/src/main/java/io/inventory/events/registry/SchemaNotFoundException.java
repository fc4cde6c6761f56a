package io.inventory.events.registry;

/**
 * The registry has no such subject, version, schema or schema id (HTTP 404). When the producer
 * looks up a schema that was never registered, register it first: the release pipeline (or {@code
 * inventory-events register}) does in sit and prod, {@code auto.register.schemas=true} does in dev.
 */
public final class SchemaNotFoundException extends SchemaRegistryException {
  private static final long serialVersionUID = 1L;

  SchemaNotFoundException(
      String message, String registryUrl, String subject, int statusCode, int errorCode) {
    super(message, registryUrl, subject, statusCode, errorCode, null);
  }
}
