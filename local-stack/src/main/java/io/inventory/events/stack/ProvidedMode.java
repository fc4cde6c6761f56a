package io.inventory.events.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A mode from another jar ({@link StackProvider}, found with ServiceLoader by name): the provider
 * starts the servers, this mode hands them to the stack's resources (stopped on close or at JVM
 * exit) and then checks, as external mode does, that the cluster shows a broker and the registry
 * answers.
 */
final class ProvidedMode implements StackMode {
  private final StackProvider provider;

  private ProvidedMode(StackProvider provider) {
    this.provider = provider;
  }

  /**
   * The provider of the named mode on the class path.
   *
   * @throws MissingPrerequisiteException if none provides it
   */
  static ProvidedMode named(String name) {
    List<String> found = new ArrayList<>();
    for (StackProvider provider : providers()) {
      if (provider.mode().equalsIgnoreCase(name)) return new ProvidedMode(provider);
      found.add(provider.mode());
    }
    throw new MissingPrerequisiteException(
        "No stack mode \""
            + name
            + "\" on the class path (modes here: embedded, external"
            + (found.isEmpty() ? "" : ", " + String.join(", ", found))
            + ")."
            + (name.equalsIgnoreCase("testcontainers")
                ? " The testcontainers mode is in io.inventory.events:inventory-events-testcontainers:"
                    + " add it to your test dependencies."
                : " Check " + InventoryStack.MODE_PROPERTY + "."));
  }

  private static ServiceLoader<StackProvider> providers() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return ServiceLoader.load(
        StackProvider.class, loader != null ? loader : StackProvider.class.getClassLoader());
  }

  @Override
  public String name() {
    return provider.mode();
  }

  @Override
  public Backends start(StackSettings settings, StackResources resources) {
    Deadline deadline = settings.deadline();
    resources.registerShutdownHook();
    StackProvider.Servers servers =
        resources.add(
            provider.start(
                new StackProvider.Request(
                    settings.compatibility(),
                    deadline.remaining(),
                    settings.progress(),
                    settings.environment()::property)));
    try (KafkaTopics admin = new KafkaTopics(servers.bootstrapServers())) {
      admin.awaitBroker(deadline, "The " + name() + " Kafka broker");
    }
    new RegistryAdmin(servers.schemaRegistryUrl()).awaitReachable(deadline);
    settings
        .progress()
        .accept(
            "  "
                + name()
                + " stack ready: Kafka "
                + servers.bootstrapServers()
                + ", registry "
                + servers.schemaRegistryUrl()
                + " after "
                + Deadline.seconds(deadline.elapsed()));
    return new Backends(
        new ProvidedKafka(servers.bootstrapServers()),
        new ProvidedRegistry(servers.schemaRegistryUrl()));
  }

  /** The provider's broker; the provider's {@link StackProvider.Servers} stops it. */
  private record ProvidedKafka(String bootstrapServers) implements KafkaBackend {
    @Override
    public List<Integer> ports() {
      return List.of();
    }

    @Override
    public void close() {}
  }

  /** The provider's registry; the provider's {@link StackProvider.Servers} stops it. */
  private record ProvidedRegistry(String confluentApiUrl) implements RegistryBackend {
    @Override
    public List<Integer> ports() {
      return List.of();
    }

    @Override
    public void close() {}
  }
}
