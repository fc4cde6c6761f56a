package io.inventory.events.registry;

/**
 * The registry refused to register a schema because it breaks the subject's compatibility rule
 * (HTTP 409). Run the compatibility gate on the change: it names the field and the rule.
 */
public final class IncompatibleSchemaException extends SchemaRegistryException {
  private static final long serialVersionUID = 1L;

  IncompatibleSchemaException(
      String message, String registryUrl, String subject, int statusCode, int errorCode) {
    super(message, registryUrl, subject, statusCode, errorCode, null);
  }
}
