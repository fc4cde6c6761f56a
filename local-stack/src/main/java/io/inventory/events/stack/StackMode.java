package io.inventory.events.stack;

/**
 * One way for a stack to get its Kafka and its schema registry: {@link EmbeddedMode} starts both on
 * this machine, {@link ExternalMode} uses servers named by the environment. A further mode (for
 * example Testcontainers) is one more implementation; the facade, the topics and the registry's
 * compatibility rule stay the same for all of them.
 */
interface StackMode {

  /** How the stack reports this mode: {@code embedded}, {@code external}. */
  String name();

  /**
   * Starts (or connects to and checks) both servers before the settings' deadline, handing {@code
   * resources} everything that must be stopped again, so that a failure half-way leaves nothing.
   *
   * @throws StackStartException if either is not ready before the deadline
   */
  Backends start(StackSettings settings, StackResources resources);

  /** The two servers a mode provides. */
  record Backends(KafkaBackend kafka, RegistryBackend registry) {}
}
