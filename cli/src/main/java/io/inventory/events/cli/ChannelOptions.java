package io.inventory.events.cli;

import io.inventory.events.client.Environment;
import picocli.CommandLine.Option;

/** Which topic of the channel: {@code inventory.<env>.events}, or one given for tests. */
final class ChannelOptions {
  @Option(
      names = "--env",
      required = true,
      paramLabel = "dev|sit|prod",
      converter = KafkaOptions.EnvironmentConverter.class,
      description = "The environment: topic inventory.<env>.events.")
  Environment environment;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "Uses TOPIC instead, e.g. a test topic (subjects follow it).")
  String topic;
}
