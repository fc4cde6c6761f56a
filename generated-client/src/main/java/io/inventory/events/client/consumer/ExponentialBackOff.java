package io.inventory.events.client.consumer;

import java.time.Duration;
import java.util.Objects;

/** The schedule behind {@link BackOff#exponential} and {@link BackOff#fixed}. */
final class ExponentialBackOff implements BackOff {
  private final long initialMillis;
  private final double multiplier;
  private final long maxMillis;
  private final int maxRetries;

  ExponentialBackOff(Duration initial, double multiplier, Duration max, int maxRetries) {
    Objects.requireNonNull(initial, "initialInterval == null");
    Objects.requireNonNull(max, "maxInterval == null");
    if (initial.isNegative() || max.isNegative()) {
      throw new IllegalArgumentException(
          "Back-off intervals must not be negative but were " + initial + " and " + max);
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier must be at least 1.0 but was " + multiplier);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative but was " + maxRetries);
    }
    this.initialMillis = initial.toMillis();
    this.multiplier = multiplier;
    this.maxMillis = Math.max(initialMillis, max.toMillis());
    this.maxRetries = maxRetries;
  }

  @Override
  public Execution start() {
    return new Execution() {
      private int retries;
      private double next = initialMillis;

      @Override
      public long nextBackOff() {
        if (retries >= maxRetries) {
          return STOP;
        }
        retries++;
        long current = (long) Math.min(next, maxMillis);
        next = Math.min(next * multiplier, maxMillis);
        return current;
      }
    };
  }

  @Override
  public String toString() {
    return "BackOff{initial "
        + initialMillis
        + " ms, x"
        + multiplier
        + ", max "
        + maxMillis
        + " ms, "
        + maxRetries
        + " retries}";
  }
}
