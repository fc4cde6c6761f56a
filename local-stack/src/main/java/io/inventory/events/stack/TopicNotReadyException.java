package io.inventory.events.stack;

/**
 * A topic could not be created, or not every one of its partitions had a leader before the
 * deadline. Producing to such a topic loses records (KAFKA-15591), so the stack never hands one
 * out.
 */
public final class TopicNotReadyException extends StackException {
  private static final long serialVersionUID = 1L;

  public TopicNotReadyException(String message) {
    super(message);
  }

  public TopicNotReadyException(String message, Throwable cause) {
    super(message, cause);
  }
}
