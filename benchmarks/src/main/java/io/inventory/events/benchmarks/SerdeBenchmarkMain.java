package io.inventory.events.benchmarks;

import io.inventory.events.stack.InventoryStack;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link SerdeBenchmark} (or what the JMH arguments select) against one stack started here for
 * every fork, instead of one registry per fork: the forks get its URL as {@code
 * -Dinventory.bench.registry-url}. Takes JMH's command-line options, for example {@code -prof gc}.
 */
public final class SerdeBenchmarkMain {
  private SerdeBenchmarkMain() {}

  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    CommandLineOptions jmh = new CommandLineOptions(args);
    try (InventoryStack stack = InventoryStack.start()) {
      OptionsBuilder options = new OptionsBuilder();
      options.parent(jmh);
      if (jmh.getIncludes().isEmpty()) {
        options.include(SerdeBenchmark.class.getSimpleName());
      }
      options.jvmArgsAppend(
          "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=" + SerdeBenchmark.GENERATED_PACKAGE,
          "-D" + SerdeBenchmark.REGISTRY_URL_PROPERTY + "=" + stack.schemaRegistryUrl());
      new Runner(options.build()).run();
    }
  }
}
