package io.inventory.events.cli;

import io.inventory.events.compatibility.CompatibilityGate;
import io.inventory.events.registry.RegistrySettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The trust store for an {@code https} registry whose certificate the JVM's default trust store
 * does not hold (a private CA, the secured local stack's self-signed one), shared by {@code check}
 * and {@code register}. {@code produce} and {@code consume} take the same as serde settings: {@code
 * -X schema.registry.ssl.truststore.location=...}.
 */
final class RegistryTrustOptions {
  static final String PASSWORD_ENV = "SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD";

  @Option(
      names = "--registry-truststore",
      paramLabel = "FILE",
      description = "Trust store for an https registry; default the JVM's.")
  Path location;

  @Option(
      names = "--registry-truststore-password",
      paramLabel = "PASS",
      description = "Its password; default $" + PASSWORD_ENV + ".")
  String password = System.getenv(PASSWORD_ENV);

  @Option(
      names = "--registry-truststore-type",
      paramLabel = "TYPE",
      description = "PKCS12 (default) or JKS.")
  String type = "PKCS12";

  void applyTo(RegistrySettings.Builder settings) {
    if (location != null) settings.trustStore(location, password, type);
  }

  void applyTo(CompatibilityGate.Builder gate) {
    if (location != null) gate.registryTrustStore(location, password, type);
  }
}
