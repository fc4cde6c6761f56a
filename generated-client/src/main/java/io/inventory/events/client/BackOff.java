package io.inventory.events.client;

import java.time.Duration;

/**
 * How long the consumer waits before each retry of a failed record, and when it gives up: {@code
 * delayMillis(1)} before the first retry, {@code delayMillis(2)} before the second, until it
 * returns {@link #STOP}. Every failing record counts from 1 again, so a back-off holds no state and
 * a lambda is one: {@code retry -> retry <= 3 ? 1_000 : BackOff.STOP}.
 *
 * <p>The consumer waits without blocking its poll loop: it pauses the record's partition, seeks
 * back to the record and keeps polling until the wait is over, so a long back-off never exceeds
 * {@code max.poll.interval.ms} and no later record of that partition overtakes the failed one. Must
 * be thread-safe.
 *
 * <pre>{@code
 * BackOff.exponential(Duration.ofMillis(250), 2.0, Duration.ofSeconds(10), 5) // the default
 * BackOff.fixed(Duration.ofSeconds(1), 3)
 * BackOff.none()                                                              // dead-letter at once
 * }</pre>
 */
@FunctionalInterface
public interface BackOff {
  /** Returned by {@link #delayMillis} when no retry is left. */
  long STOP = -1;

  /** The default: 250 ms, doubling up to 10 s, at most 5 retries (about 7.75 s in all). */
  BackOff DEFAULT = exponential(Duration.ofMillis(250), 2.0, Duration.ofSeconds(10), 5);

  /**
   * Milliseconds to wait before retry number {@code retry} of one record ({@code 1} for the first),
   * or {@link #STOP} to give up on it.
   */
  long delayMillis(int retry);

  /**
   * Waits {@code initialInterval}, then multiplies the wait by {@code multiplier} after each retry
   * up to {@code maxInterval}, and gives up after {@code maxRetries} retries.
   *
   * @throws IllegalArgumentException when an interval is negative, {@code multiplier < 1} or {@code
   *     maxRetries < 0}
   */
  static BackOff exponential(
      Duration initialInterval, double multiplier, Duration maxInterval, int maxRetries) {
    return new ExponentialBackOff(initialInterval, multiplier, maxInterval, maxRetries);
  }

  /**
   * Waits {@code interval} before each retry and gives up after {@code maxRetries} retries.
   *
   * @throws IllegalArgumentException when {@code interval} is negative or {@code maxRetries < 0}
   */
  static BackOff fixed(Duration interval, int maxRetries) {
    return new ExponentialBackOff(interval, 1.0, interval, maxRetries);
  }

  /** Never retries: a failed record goes to the dead-letter publisher at once. */
  static BackOff none() {
    return retry -> STOP;
  }
}
