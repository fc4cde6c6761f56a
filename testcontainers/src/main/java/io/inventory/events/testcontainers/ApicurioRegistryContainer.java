package io.inventory.events.testcontainers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.inventory.events.registry.CompatibilityLevel;
import io.inventory.events.registry.RegistrySettings;
import io.inventory.events.registry.SchemaRegistryClient;
import io.inventory.events.registry.SchemaRegistryException;
import java.time.Duration;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Apicurio Registry (in-memory storage) as a Testcontainers container, the official {@code
 * apicurio/apicurio-registry} image by default (the tag this jar was built against, or {@code
 * -Dinventory.registry.image}). Ready when the management interface's {@code /health/ready} on port
 * 9000 answers; then its global compatibility rule is set through the Confluent-compatible API,
 * {@code FULL_TRANSITIVE} unless {@link #withCompatibility(String)} says otherwise (Apicurio's own
 * default is NONE). {@link #confluentApiUrl()} is what the inventory client's {@code
 * schemaRegistryUrl} takes. Like every container, not thread-safe while it starts.
 */
public final class ApicurioRegistryContainer extends GenericContainer<ApicurioRegistryContainer> {
  static final int HTTP_PORT = 8080;
  static final int MANAGEMENT_PORT = 9000;

  private CompatibilityLevel compatibility = CompatibilityLevel.FULL_TRANSITIVE;

  /** The default image, or the one {@code -Dinventory.registry.image} names. */
  public ApicurioRegistryContainer() {
    this(ContainerImages.registry(ContainerImages::systemProperty));
  }

  /**
   * This image, which must keep the official image's contract: the Quarkus app configured by {@code
   * QUARKUS_*} variables, HTTP on 8080, management on 9000.
   */
  public ApicurioRegistryContainer(DockerImageName image) {
    super(image.asCompatibleSubstituteFor(ContainerImages.OFFICIAL_REGISTRY));
    withExposedPorts(HTTP_PORT, MANAGEMENT_PORT);
    withEnv("QUARKUS_HTTP_HOST", "0.0.0.0");
    withEnv("QUARKUS_MANAGEMENT_HOST", "0.0.0.0");
    withEnv("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "false");
    // a test registry holds a few hundred schemas: a small serial-GC heap starts faster on 2 cores
    withEnv("JAVA_OPTS_APPEND", "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    waitingFor(
        Wait.forHttp("/health/ready")
            .forPort(MANAGEMENT_PORT)
            .forStatusCode(200)
            .withStartupTimeout(Duration.ofMinutes(2)));
  }

  /**
   * The global compatibility level set once the registry is ready; default FULL_TRANSITIVE.
   *
   * @throws IllegalArgumentException for a name that is not a compatibility level
   */
  public ApicurioRegistryContainer withCompatibility(String level) {
    this.compatibility = CompatibilityLevel.parse(level);
    return this;
  }

  /** The level {@link #withCompatibility(String)} chose, for example {@code FULL_TRANSITIVE}. */
  public String compatibility() {
    return compatibility.name();
  }

  /**
   * The Confluent-compatible API base, for example {@code http://localhost:32768/apis/ccompat/v7}.
   */
  public String confluentApiUrl() {
    return baseUrl() + "/apis/ccompat/v7";
  }

  /** Apicurio's own API base, {@code http://HOST:PORT/apis/registry/v3}. */
  public String coreApiUrl() {
    return baseUrl() + "/apis/registry/v3";
  }

  private String baseUrl() {
    return "http://" + getHost() + ":" + getMappedPort(HTTP_PORT);
  }

  @Override
  protected void containerIsStarted(InspectContainerResponse containerInfo) {
    try {
      new SchemaRegistryClient(RegistrySettings.builder(confluentApiUrl()).maxRetries(3).build())
          .setGlobalCompatibility(compatibility);
    } catch (SchemaRegistryException e) {
      throw new ContainerLaunchException(
          "Apicurio Registry in "
              + getDockerImageName()
              + " started, but setting its global compatibility to "
              + compatibility
              + " failed: "
              + e.getMessage(),
          e);
    }
  }
}
