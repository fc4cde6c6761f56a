package io.inventory.events.stack;

/**
 * Something the stack needs is not on this machine: a Java 21+ runtime for the registry, or the
 * Apicurio Registry distribution. The message lists every place that was searched and names the
 * system property or environment variable that points the stack at it.
 */
public final class MissingPrerequisiteException extends StackStartException {
  private static final long serialVersionUID = 1L;

  public MissingPrerequisiteException(String message) {
    super(message);
  }
}
