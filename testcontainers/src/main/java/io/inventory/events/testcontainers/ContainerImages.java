package io.inventory.events.testcontainers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.testcontainers.utility.DockerImageName;

/**
 * Which images the containers run: the official {@code apache/kafka} and {@code
 * apicurio/apicurio-registry} at the versions this jar was built against, unless the system
 * property ({@code inventory.kafka.image}, {@code inventory.registry.image}) or environment
 * variable ({@code INVENTORY_KAFKA_IMAGE}, {@code INVENTORY_REGISTRY_IMAGE}) names another. Another
 * image must keep the official one's contract; it is declared a compatible substitute so that
 * Testcontainers accepts it.
 */
final class ContainerImages {
  static final String KAFKA_PROPERTY = "inventory.kafka.image";
  static final String REGISTRY_PROPERTY = "inventory.registry.image";
  static final DockerImageName OFFICIAL_KAFKA = DockerImageName.parse("apache/kafka");
  static final DockerImageName OFFICIAL_REGISTRY =
      DockerImageName.parse("apicurio/apicurio-registry");

  private static final Properties DEFAULTS = load();

  private ContainerImages() {}

  /** The Kafka image named by {@code settings} (a system-property lookup) or the default. */
  static DockerImageName kafka(Function<String, Optional<String>> settings) {
    return image(settings, KAFKA_PROPERTY, "INVENTORY_KAFKA_IMAGE", "kafka.image")
        .asCompatibleSubstituteFor(OFFICIAL_KAFKA);
  }

  /** The registry image named by {@code settings} (a system-property lookup) or the default. */
  static DockerImageName registry(Function<String, Optional<String>> settings) {
    return image(settings, REGISTRY_PROPERTY, "INVENTORY_REGISTRY_IMAGE", "registry.image")
        .asCompatibleSubstituteFor(OFFICIAL_REGISTRY);
  }

  /** Looks system properties up, ignoring blank values. */
  static Optional<String> systemProperty(String name) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static DockerImageName image(
      Function<String, Optional<String>> settings,
      String property,
      String environmentVariable,
      String defaultKey) {
    String name =
        settings
            .apply(property)
            .or(() -> Optional.ofNullable(System.getenv(environmentVariable)))
            .filter(value -> !value.isBlank())
            .orElse(DEFAULTS.getProperty(defaultKey));
    return DockerImageName.parse(name.trim());
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = ContainerImages.class.getResourceAsStream("images.properties")) {
      if (in == null) throw new IllegalStateException("images.properties is missing from the jar");
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
