package io.inventory.events.testcontainers;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * A Kafka broker and an Apicurio Registry in containers, for a team's own integration tests: start
 * it with {@code @Container} (or {@link #start()}) and hand {@link #bootstrapServers()} and {@link
 * #schemaRegistryUrl()} to the inventory client. Kafka is Testcontainers' {@link KafkaContainer} on
 * the official {@code apache/kafka} image, the registry an {@link ApicurioRegistryContainer}; both
 * start in parallel, and the registry's global compatibility is {@code FULL_TRANSITIVE}, the
 * contract's rule. Image names: {@code -Dinventory.kafka.image}, {@code
 * -Dinventory.registry.image}, or the constructor. Not thread-safe while starting or stopping.
 *
 * <pre>{@code
 * @Testcontainers(disabledWithoutDocker = true)
 * class StockFlowTest {
 *     @Container
 *     static final InventoryContainers INVENTORY = new InventoryContainers();
 *
 *     @Test
 *     void publishes() {
 *         InventoryEventPublisher publisher = InventoryEventPublisher.builder()
 *             .bootstrapServers(INVENTORY.bootstrapServers())
 *             .schemaRegistryUrl(INVENTORY.schemaRegistryUrl())
 *             // ...
 *     }
 * }
 * }</pre>
 */
public final class InventoryContainers implements Startable {
  private final KafkaContainer kafka;
  private final ApicurioRegistryContainer registry;

  /** The default images, or those the system properties name. */
  public InventoryContainers() {
    this(ContainerImages::systemProperty);
  }

  /** These images; each must keep the contract of the official image it stands in for. */
  public InventoryContainers(DockerImageName kafkaImage, DockerImageName registryImage) {
    if (kafkaImage == null) throw new NullPointerException("kafkaImage == null");
    if (registryImage == null) throw new NullPointerException("registryImage == null");
    this.kafka =
        new KafkaContainer(kafkaImage.asCompatibleSubstituteFor(ContainerImages.OFFICIAL_KAFKA))
            // the log cleaner's 128 MiB default buffer would dominate a test broker's heap
            .withEnv("KAFKA_LOG_CLEANER_DEDUPE_BUFFER_SIZE", "2097152");
    this.registry = new ApicurioRegistryContainer(registryImage);
  }

  InventoryContainers(Function<String, Optional<String>> settings) {
    this(ContainerImages.kafka(settings), ContainerImages.registry(settings));
  }

  /** The registry's global compatibility level; default FULL_TRANSITIVE. */
  public InventoryContainers withCompatibility(String level) {
    registry.withCompatibility(level);
    return this;
  }

  /** How long each container may take to become ready; default 2 minutes for the registry. */
  public InventoryContainers withStartupTimeout(Duration timeout) {
    if (timeout == null) throw new NullPointerException("timeout == null");
    kafka.withStartupTimeout(timeout);
    registry.withStartupTimeout(timeout);
    return this;
  }

  /** Starts both containers in parallel; returns when both are ready. */
  @Override
  public void start() {
    Startables.deepStart(Stream.of(kafka, registry)).join();
  }

  /** Stops and removes both containers; idempotent. */
  @Override
  public void stop() {
    registry.stop();
    kafka.stop();
  }

  /** Kafka's {@code bootstrap.servers}, for example {@code localhost:32769}. */
  public String bootstrapServers() {
    return kafka.getBootstrapServers();
  }

  /**
   * The registry's Confluent-compatible API base, for example {@code
   * http://localhost:32768/apis/ccompat/v7}.
   */
  public String schemaRegistryUrl() {
    return registry.confluentApiUrl();
  }

  /** The Kafka container, for its logs or further settings before the start. */
  public KafkaContainer kafka() {
    return kafka;
  }

  /** The registry container, for its logs, its own API or further settings before the start. */
  public ApicurioRegistryContainer registry() {
    return registry;
  }
}
