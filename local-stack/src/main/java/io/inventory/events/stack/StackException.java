package io.inventory.events.stack;

/**
 * Base type of every failure of the inventory stack: a component that did not start, a missing
 * prerequisite, a topic that did not become usable. Messages say what failed, where, and what to
 * do; subclasses split the failures by cause so that callers can react to one (for example skip
 * tests when {@link MissingPrerequisiteException} says no Java 21 runtime exists).
 */
public class StackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
