package io.inventory.events.cli;

import io.inventory.events.client.Environment;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where the channel is: the environment (or a topic of one's own), the Kafka cluster and the schema
 * registry, with defaults from {@code KAFKA_BOOTSTRAP_SERVERS} and {@code SCHEMA_REGISTRY_URL}, and
 * any other client setting (security, timeouts) as {@code -X key=value}. Shared by {@code produce},
 * {@code consume} and {@code demo}.
 */
final class KafkaOptions {
  static final String BOOTSTRAP_SERVERS_ENV = "KAFKA_BOOTSTRAP_SERVERS";
  static final String SCHEMA_REGISTRY_URL_ENV = "SCHEMA_REGISTRY_URL";

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description = "Kafka bootstrap servers; default $KAFKA_BOOTSTRAP_SERVERS.")
  String bootstrapServers;

  @Option(
      names = "--registry",
      paramLabel = "URL",
      description = {
        "Schema registry (Confluent API; Apicurio: http://HOST:PORT/apis/ccompat/v7);",
        "default $SCHEMA_REGISTRY_URL."
      })
  String registry;

  @Option(
      names = {"-X", "--property"},
      paramLabel = "KEY=VALUE",
      description = "Any other Kafka client or serde setting, e.g. security.protocol=SSL.")
  Map<String, String> properties = new LinkedHashMap<>();

  String bootstrapServers(CommandSpec spec) {
    return required(bootstrapServers, BOOTSTRAP_SERVERS_ENV, "--bootstrap-servers", spec);
  }

  String registry(CommandSpec spec) {
    return required(registry, SCHEMA_REGISTRY_URL_ENV, "--registry", spec);
  }

  private static String required(String given, String variable, String option, CommandSpec spec) {
    String value = given != null ? given : System.getenv(variable);
    if (value == null || value.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "Missing " + option + ": give it, or set " + variable + ".");
    }
    return value;
  }

  /** Reads {@code dev}, {@code sit} or {@code prod}, in any case. */
  static final class EnvironmentConverter implements CommandLine.ITypeConverter<Environment> {
    @Override
    public Environment convert(String value) {
      try {
        return Environment.of(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
