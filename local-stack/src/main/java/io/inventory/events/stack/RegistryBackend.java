package io.inventory.events.stack;

import java.util.List;
import java.util.Optional;

/**
 * The schema registry side of a stack, one implementation per mode: {@link RegistryProcess}
 * (Apicurio Registry as a child process) and the external registry of {@link ExternalMode}.
 */
interface RegistryBackend extends AutoCloseable {

  /** The Confluent-compatible REST API base URL, without a trailing slash. */
  String confluentApiUrl();

  /** The ports this JVM had the registry bind; empty if it started none. */
  List<Integer> ports();

  /** The registry's child process, when this JVM started one (its pid, log and native API). */
  default Optional<RegistryProcess> process() {
    return Optional.empty();
  }

  /** Stops what this backend started; idempotent. An external registry is left alone. */
  @Override
  void close();
}
