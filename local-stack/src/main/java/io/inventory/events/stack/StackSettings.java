package io.inventory.events.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a stack starts with, resolved once from the builder, system properties and environment
 * variables; every mode reads the same settings.
 *
 * @param environment system properties and environment variables (maps in tests)
 * @param progress where start-up messages go
 * @param compatibility the registry's global compatibility level, already validated
 * @param deadline when both servers must be ready
 * @param brokers how many Kafka brokers an embedded stack runs: 1 (one combined node) or 3
 * @param workDirOverride the builder's work directory, if it set one
 * @param brokerProperties extra {@code server.properties} for every embedded broker
 */
record StackSettings(
    StackEnvironment environment,
    Consumer<String> progress,
    String compatibility,
    Deadline deadline,
    int brokers,
    Optional<Path> workDirOverride,
    Map<String, String> brokerProperties) {

  /** The builder's work directory, else {@code inventory.stack.work-dir}, else {@code target/}. */
  Path workDir() {
    return workDirOverride.orElseGet(() -> WorkDirectory.defaultFor(environment));
  }
}
