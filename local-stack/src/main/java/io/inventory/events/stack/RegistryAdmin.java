package io.inventory.events.stack;

import io.inventory.events.registry.CompatibilityLevel;
import io.inventory.events.registry.RegistrySettings;
import io.inventory.events.registry.SchemaRegistryClient;
import io.inventory.events.registry.SchemaRegistryException;

/**
 * What the stack asks of a registry when it starts, through the shared registry client: wait until
 * it answers, then set the global compatibility rule. Failures become {@link StackStartException}s
 * that say what to fix.
 */
final class RegistryAdmin {
  private final String baseUrl;
  private final RegistryBackend backend;

  RegistryAdmin(String baseUrl) {
    this.baseUrl = baseUrl;
    this.backend = null;
  }

  /** Through the backend's own client settings (credentials and trust store when secured). */
  RegistryAdmin(RegistryBackend backend) {
    this.baseUrl = backend.confluentApiUrl();
    this.backend = backend;
  }

  /** The level's canonical name. */
  static String checkLevel(String level) {
    return CompatibilityLevel.parse(level).name();
  }

  /** {@code PUT /config}: the rule every subject without its own follows. */
  void putGlobalCompatibility(String level) {
    try {
      client(3).setGlobalCompatibility(CompatibilityLevel.parse(level));
    } catch (SchemaRegistryException e) {
      throw new StackStartException(
          "Could not set the registry's global compatibility to " + level + ": " + e.getMessage(),
          e);
    }
  }

  /** Polls {@code GET /subjects} until it answers. */
  void awaitReachable(Deadline deadline) {
    SchemaRegistryClient client = client(0);
    String problem = "no answer";
    while (!deadline.expired()) {
      try {
        client.subjects();
        return;
      } catch (SchemaRegistryException e) {
        problem = e.getMessage();
      }
      deadline.pause();
    }
    throw new StackStartException(
        "The schema registry at "
            + baseUrl
            + " did not answer GET /subjects within "
            + Deadline.seconds(deadline.timeout())
            + " ("
            + problem
            + "). Check SCHEMA_REGISTRY_URL: it must be the base of a Confluent-compatible API, for"
            + " Apicurio http://HOST:PORT/apis/ccompat/v7.");
  }

  private SchemaRegistryClient client(int retries) {
    return new SchemaRegistryClient(
        backend != null
            ? backend.clientSettings(retries)
            : RegistrySettings.builder(baseUrl).maxRetries(retries).build());
  }
}
