package io.inventory.events.testcontainers;

import io.inventory.events.stack.StackProvider;
import io.inventory.events.stack.StackStartException;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;

/**
 * The {@code testcontainers} mode of the inventory stack: {@link InventoryContainers} (Kafka and
 * Apicurio Registry) started for an {@code InventoryStack}. Found by the stack through {@link
 * java.util.ServiceLoader}; choose it with {@code -Dinventory.stack.mode=testcontainers} or {@code
 * InventoryStack.builder().mode("testcontainers")} rather than calling it. Without a Docker Engine
 * it fails at once with a {@link DockerUnavailableException}. Thread-safe.
 */
public final class TestcontainersStackProvider implements StackProvider {
  /** The mode's name. */
  public static final String MODE = "testcontainers";

  private final BooleanSupplier dockerAvailable;

  /** Used by ServiceLoader. */
  public TestcontainersStackProvider() {
    this(() -> DockerClientFactory.instance().isDockerAvailable());
  }

  TestcontainersStackProvider(BooleanSupplier dockerAvailable) {
    this.dockerAvailable = dockerAvailable;
  }

  @Override
  public String mode() {
    return MODE;
  }

  /**
   * Starts the two containers within the request's timeout.
   *
   * @throws DockerUnavailableException if Testcontainers finds no Docker Engine
   * @throws StackStartException if a container does not start or become ready in time
   */
  @Override
  public Servers start(Request request) {
    if (!dockerAvailable.getAsBoolean()) {
      throw new DockerUnavailableException(
          "The testcontainers stack mode needs a Docker Engine, and Testcontainers found none"
              + " (DOCKER_HOST="
              + envOrUnset("DOCKER_HOST")
              + "; it also reads ~/.testcontainers.properties and the default socket). Start Docker"
              + " or point DOCKER_HOST at it, or use the embedded stack, which needs no Docker: drop"
              + " -Dinventory.stack.mode=testcontainers.");
    }
    InventoryContainers containers =
        new InventoryContainers(request::setting)
            .withCompatibility(request.compatibility())
            .withStartupTimeout(request.timeout());
    request
        .progress()
        .accept(
            "Starting "
                + containers.kafka().getDockerImageName()
                + " and "
                + containers.registry().getDockerImageName()
                + " with Testcontainers");
    try {
      containers.start();
    } catch (RuntimeException e) {
      try {
        containers.stop();
      } catch (RuntimeException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw new StackStartException(
          "The testcontainers stack did not start ("
              + containers.kafka().getDockerImageName()
              + ", "
              + containers.registry().getDockerImageName()
              + "): "
              + e.getMessage(),
          e);
    }
    return new ContainerServers(containers);
  }

  private static String envOrUnset(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? "unset" : value;
  }

  /** The started containers as the stack sees them. */
  private static final class ContainerServers implements Servers {
    private final InventoryContainers containers;
    private boolean stopped;

    ContainerServers(InventoryContainers containers) {
      this.containers = containers;
    }

    @Override
    public String bootstrapServers() {
      return containers.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
      return containers.schemaRegistryUrl();
    }

    @Override
    public synchronized void close() {
      if (stopped) return;
      stopped = true;
      containers.stop();
    }
  }
}
