package io.inventory.events.stack;

import java.time.Duration;

/** A point in time by which something must have happened; polling loops ask it how long is left. */
final class Deadline {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

  private final Duration timeout;
  private final long startNanos;

  private Deadline(Duration timeout) {
    this.timeout = timeout;
    this.startNanos = System.nanoTime();
  }

  static Deadline after(Duration timeout) {
    if (timeout == null) throw new NullPointerException("timeout == null");
    if (timeout.isNegative()) throw new IllegalArgumentException("timeout < 0: " + timeout);
    return new Deadline(timeout);
  }

  Duration timeout() {
    return timeout;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  Duration remaining() {
    Duration left = timeout.minus(elapsed());
    return left.isNegative() ? Duration.ZERO : left;
  }

  boolean expired() {
    return remaining().isZero();
  }

  /** Waits one poll interval (or less, when less is left) before the next attempt. */
  void pause() {
    long millis = Math.min(POLL_INTERVAL.toMillis(), remaining().toMillis());
    if (millis <= 0) return;
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException(
          "Interrupted while waiting ("
              + elapsed().toMillis()
              + " ms of "
              + timeout.toMillis()
              + " ms)",
          e);
    }
  }

  static String seconds(Duration duration) {
    return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
