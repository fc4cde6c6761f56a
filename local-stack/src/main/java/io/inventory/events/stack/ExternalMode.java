package io.inventory.events.stack;

import java.util.List;

/**
 * Uses a Kafka cluster and a registry that run elsewhere (named by {@code KAFKA_BOOTSTRAP_SERVERS}
 * and {@code SCHEMA_REGISTRY_URL}, or the builder's {@code external(...)}): starts nothing, waits
 * until the cluster shows a broker and the registry answers {@code GET /subjects}, and stops
 * nothing on close.
 */
final class ExternalMode implements StackMode {
  private final String bootstrapServers;
  private final String registryUrl;

  ExternalMode(String bootstrapServers, String registryUrl) {
    this.bootstrapServers = bootstrapServers;
    this.registryUrl =
        registryUrl.endsWith("/")
            ? registryUrl.substring(0, registryUrl.length() - 1)
            : registryUrl;
  }

  @Override
  public String name() {
    return "external";
  }

  @Override
  public Backends start(StackSettings settings, StackResources resources) {
    Deadline deadline = settings.deadline();
    try (KafkaTopics admin = new KafkaTopics(bootstrapServers)) {
      admin.awaitBroker(
          deadline, "The external Kafka cluster (" + InventoryStack.BOOTSTRAP_SERVERS_ENV + ")");
    }
    new RegistryAdmin(registryUrl).awaitReachable(deadline);
    settings
        .progress()
        .accept("Using external stack: Kafka " + bootstrapServers + ", registry " + registryUrl);
    return new Backends(new ExternalKafka(bootstrapServers), new ExternalRegistry(registryUrl));
  }

  /** A cluster this JVM does not control: nothing bound, nothing to stop. */
  private record ExternalKafka(String bootstrapServers) implements KafkaBackend {
    @Override
    public List<Integer> ports() {
      return List.of();
    }

    @Override
    public void close() {}
  }

  /** A registry this JVM does not control: nothing bound, nothing to stop. */
  private record ExternalRegistry(String confluentApiUrl) implements RegistryBackend {
    @Override
    public List<Integer> ports() {
      return List.of();
    }

    @Override
    public void close() {}
  }
}
