package io.inventory.events.stack;

/**
 * The Kafka broker or the schema registry did not come up: it crashed, could not bind, or was not
 * ready before its deadline. The message names the component, its address and the deadline, and for
 * the registry ends with the tail of its log file; whatever had started is already stopped.
 */
public class StackStartException extends StackException {
  private static final long serialVersionUID = 1L;

  public StackStartException(String message) {
    super(message);
  }

  public StackStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
