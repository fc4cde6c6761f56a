package io.inventory.events.conformance.faults;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a deadline: the condition decides, the sleep between polls is only a pace. */
final class Deadlines {
  private Deadlines() {}

  /**
   * Polls {@code condition} every 20 ms until it holds.
   *
   * @throws AssertionError naming {@code what} and the last {@code state} when {@code deadline}
   *     passes first
   */
  static void await(
      String what, Duration deadline, BooleanSupplier condition, Supplier<String> state) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError(
            "Timed out after "
                + deadline.toSeconds()
                + " s waiting until "
                + what
                + " (last: "
                + state.get()
                + ")");
      }
      pause(20);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
  }
}
