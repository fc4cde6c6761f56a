package io.inventory.events.conformance.languages;

import io.inventory.events.conformance.ChildProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/** The example clients of docs/other-languages.md, each run the same way by the same tests. */
enum ExampleClient {
  PYTHON(
      "Python (confluent-kafka, avro)",
      ExamplePrograms.PYTHON_EXAMPLES,
      ".py",
      ExamplePrograms::python),
  NODE(
      "Node (kafkajs, @kafkajs/confluent-schema-registry)",
      ExamplePrograms.NODE_EXAMPLES,
      ".mjs",
      ExamplePrograms::node);

  private final String description;
  private final Path directory;
  private final String extension;
  private final BiFunction<Path, List<String>, ChildProcess> program;

  ExampleClient(
      String description,
      Path directory,
      String extension,
      BiFunction<Path, List<String>, ChildProcess> program) {
    this.description = description;
    this.directory = directory;
    this.extension = extension;
    this.program = program;
  }

  /** Runs the example {@code name} ("produce" or "consume"); fails unless it exits 0. */
  ChildProcess.Result run(String name, List<String> arguments) {
    return program.apply(directory.resolve(name + extension), arguments).run().requireSuccess();
  }

  @Override
  public String toString() {
    return description;
  }
}
