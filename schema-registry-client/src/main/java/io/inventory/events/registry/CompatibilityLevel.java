package io.inventory.events.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A schema registry's compatibility rule for a subject, as the Confluent API names it. The contract
 * registers every event type under {@link #FULL_TRANSITIVE}: a new schema reads all old data and
 * all old schemas read new data.
 */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE;

  /**
   * The level named by {@code text}, ignoring case and surrounding blanks.
   *
   * @throws IllegalArgumentException naming the accepted levels when {@code text} is none of them
   */
  public static CompatibilityLevel parse(String text) {
    if (text == null) {
      throw new NullPointerException("level == null");
    }
    String name = text.trim().toUpperCase(Locale.ROOT);
    for (CompatibilityLevel level : values()) {
      if (level.name().equals(name)) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "Unknown compatibility level \"" + text + "\"; expected one of " + names() + ".");
  }

  private static String names() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
