package io.inventory.events.client;

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
  public long delayMillis(int retry) {
    if (retry < 1 || retry > maxRetries) {
      return STOP;
    }
    double delay = initialMillis;
    for (int done = 1; done < retry && delay < maxMillis; done++) {
      delay = Math.min(delay * multiplier, maxMillis);
    }
    return (long) Math.min(delay, maxMillis);
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
