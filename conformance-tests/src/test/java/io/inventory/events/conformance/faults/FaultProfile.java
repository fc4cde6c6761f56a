package io.inventory.events.conformance.faults;

import java.time.Duration;
import java.util.Locale;

/**
 * How big the fault tests are. {@code short} (the default, what {@code mvn verify} runs) keeps each
 * test between a few seconds and about a minute; {@code full}, chosen with {@code
 * -Dinventory.faults=full}, runs the sizes: 200,000 events through a broker halt and
 * through five consumer kills, a registry down for a minute.
 */
enum FaultProfile {
  SHORT(20_000, 10_000, 10_000, 6, Duration.ofSeconds(5), 2_000, Duration.ofSeconds(15)),
  FULL(200_000, 200_000, 100_000, 20, Duration.ofMinutes(1), 20_000, Duration.ofSeconds(60));

  /** The system property that selects the profile: {@code short} or {@code full}. */
  static final String PROPERTY = "inventory.faults";

  /** Events published while a broker is halted and restarted. */
  final int brokerHaltEvents;

  /** Events in the stream whose consumer process is killed five times. */
  final int consumerKillEvents;

  /** Events published while consumers join and leave the group. */
  final int groupChurnEvents;

  /** How many times a consumer joins or leaves the group during the churn test. */
  final int groupChurnSteps;

  /** How long the registry stays unreachable. */
  final Duration registryOutage;

  /** Events published and consumed from cache while the registry is down. */
  final int registryOutageEvents;

  /**
   * The least time over which the broker-halt test spreads its events, so the halt lands
   * mid-stream.
   */
  final Duration brokerHaltPublishing;

  FaultProfile(
      int brokerHaltEvents,
      int consumerKillEvents,
      int groupChurnEvents,
      int groupChurnSteps,
      Duration registryOutage,
      int registryOutageEvents,
      Duration brokerHaltPublishing) {
    this.brokerHaltEvents = brokerHaltEvents;
    this.consumerKillEvents = consumerKillEvents;
    this.groupChurnEvents = groupChurnEvents;
    this.groupChurnSteps = groupChurnSteps;
    this.registryOutage = registryOutage;
    this.registryOutageEvents = registryOutageEvents;
    this.brokerHaltPublishing = brokerHaltPublishing;
  }

  /** The profile named by {@value #PROPERTY}; {@link #SHORT} when it is unset or empty. */
  static FaultProfile current() {
    String name = System.getProperty(PROPERTY, "").trim();
    if (name.isEmpty()) {
      return SHORT;
    }
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "-D" + PROPERTY + " must be short or full but was \"" + name + "\"", e);
    }
  }

  /** How long to wait for {@code events} to arrive: a minute plus a millisecond per event. */
  static Duration deadlineFor(int events) {
    return Duration.ofMinutes(1).plusMillis(events);
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
