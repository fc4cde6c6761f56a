package io.inventory.events.client;

import java.util.Locale;

/**
 * The deployment environments of the channel, each with its own topic {@code
 * inventory.{env}.events}.
 *
 * <p>The channel's AsyncAPI document declares the address parameter {@code env} with exactly these
 * values. Use {@link #topic()} rather than building the topic name by hand.
 */
public enum Environment {
  DEV,
  SIT,
  PROD;

  /** The channel's topic in this environment, for example {@code inventory.dev.events}. */
  public String topic() {
    return "inventory." + id() + ".events";
  }

  /** The lower-case value of the {@code env} address parameter, for example {@code dev}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the {@code env} parameter value, ignoring case.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code value} is none of them
   */
  public static Environment of(String value) {
    if (value == null) {
      throw new IllegalArgumentException("environment == null; expected one of dev, sit, prod");
    }
    for (Environment environment : values()) {
      if (environment.id().equalsIgnoreCase(value.trim())) {
        return environment;
      }
    }
    throw new IllegalArgumentException(
        "Unknown environment \"" + value + "\"; expected one of dev, sit, prod");
  }
}
