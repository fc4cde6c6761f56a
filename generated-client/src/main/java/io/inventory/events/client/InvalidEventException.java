package io.inventory.events.client;

import java.util.List;

/**
 * An event broke a rule of the contract (a missing id, a negative quantity, an event type that does
 * not match its record) and was refused before anything was sent.
 *
 * <p>The message lists every violation found, each ending with the field's path, for example {@code
 * "must not be negative but was -5 at $.payload.newQuantity"}, so one attempt reports all of them.
 */
public final class InvalidEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> violations;

  InvalidEventException(String eventName, List<String> violations) {
    super(
        "Invalid "
            + eventName
            + ": "
            + String.join("; ", violations)
            + ". Fix the event and send it again; nothing was sent.");
    this.violations = List.copyOf(violations);
  }

  /** Each violation on its own, in field order, each ending with {@code at $.path}. */
  public List<String> violations() {
    return violations;
  }
}
