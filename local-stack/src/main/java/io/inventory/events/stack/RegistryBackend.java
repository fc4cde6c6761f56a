package io.inventory.events.stack;

import io.inventory.events.registry.RegistrySettings;
import java.util.List;
import java.util.Map;
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

  /**
   * How a registry client reaches it, retrying {@code retries} times: the URL alone, or with the
   * credentials and trust store of a secured stack.
   */
  default RegistrySettings clientSettings(int retries) {
    return RegistrySettings.builder(confluentApiUrl()).maxRetries(retries).build();
  }

  /**
   * The serde keys ({@code schema.registry.url}, and for a secured stack basic auth and the trust
   * store) that reach it.
   */
  default Map<String, Object> serdeProperties() {
    return Map.of("schema.registry.url", confluentApiUrl());
  }

  /** Stops what this backend started; idempotent. An external registry is left alone. */
  @Override
  void close();
}
