package io.inventory.events.stack;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the stack reads its settings: system properties first, then environment variables. Tests
 * pass maps instead of the real process state.
 */
final class StackEnvironment {
  private final Function<String, String> systemProperties;
  private final Function<String, String> environment;

  StackEnvironment(
      Function<String, String> systemProperties, Function<String, String> environment) {
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  static StackEnvironment system() {
    return new StackEnvironment(System::getProperty, System::getenv);
  }

  static StackEnvironment of(
      Map<String, String> systemProperties, Map<String, String> environment) {
    return new StackEnvironment(systemProperties::get, environment::get);
  }

  Optional<String> property(String name) {
    return nonBlank(systemProperties.apply(name));
  }

  Optional<String> env(String name) {
    return nonBlank(environment.apply(name));
  }

  /** The system property if set, else the environment variable. */
  Optional<String> setting(String property, String envVariable) {
    Optional<String> fromProperty = property(property);
    return fromProperty.isPresent() ? fromProperty : env(envVariable);
  }

  Path userHome() {
    return Paths.get(property("user.home").orElse("."));
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
