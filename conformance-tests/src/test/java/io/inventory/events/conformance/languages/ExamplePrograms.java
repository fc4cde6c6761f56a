package io.inventory.events.conformance.languages;

import io.inventory.events.conformance.ChildProcess;
import io.inventory.events.conformance.ContractFiles;
import io.inventory.events.conformance.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The programs of {@code docs/examples} (and the small trap demonstrations beside these tests), run
 * as child processes with the interpreters found at run time. Python is Debian's: {@code
 * /usr/bin/python3} first, because a pyenv {@code python3} earlier on the PATH does not see
 * Debian's {@code python3-confluent-kafka} and {@code python3-avro}.
 */
final class ExamplePrograms {
  static final String PYTHON_INSTALL = "apt-get install -y python3-confluent-kafka python3-avro";
  static final Path PYTHON_EXAMPLES = ContractFiles.root().resolve("docs/examples/python");
  static final Path NODE_EXAMPLES = ContractFiles.root().resolve("docs/examples/node");
  static final Path TRAPS =
      ContractFiles.root().resolve("conformance-tests/src/test/resources/languages");
  private static final List<String> NODE_PACKAGES =
      List.of("kafkajs", "@kafkajs/confluent-schema-registry", "avsc");
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static Optional<Path> python;

  private ExamplePrograms() {}

  /** A Python program with {@code arguments}, ready to run in its own directory. */
  static ChildProcess python(Path script, List<String> arguments) {
    return program(python(), script, arguments);
  }

  /** A Node program with {@code arguments}, ready to run in its own directory. */
  static ChildProcess node(Path script, List<String> arguments) {
    Path modules = ContractFiles.root().resolve("node_modules");
    for (String name : NODE_PACKAGES) {
      if (!Files.isDirectory(modules.resolve(name))) {
        throw new AssertionError(
            modules
                + " has no "
                + name
                + ", which package-lock.json pins for the Node examples;"
                + " run `npm ci` in "
                + ContractFiles.root());
      }
    }
    return program(Path.of("node"), script, arguments);
  }

  private static ChildProcess program(Path interpreter, Path script, List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(interpreter.toString(), script.toString()));
    command.addAll(arguments);
    return ChildProcess.of(command).directory(script.getParent()).timeout(DEADLINE);
  }

  /**
   * A Python 3 that imports confluent_kafka and avro; skips or fails the test (see RequiredTool).
   */
  private static synchronized Path python() {
    if (python == null) {
      python =
          Optional.of(Path.of("/usr/bin/python3"))
              .filter(ExamplePrograms::hasClientPackages)
              .or(
                  () ->
                      RequiredTool.find("PYTHON", "python3")
                          .filter(ExamplePrograms::hasClientPackages));
    }
    if (python.isEmpty()) {
      RequiredTool.missing("Python 3 with confluent_kafka and avro", PYTHON_INSTALL);
    }
    return python.get();
  }

  private static boolean hasClientPackages(Path interpreter) {
    if (!Files.isExecutable(interpreter)) {
      return false;
    }
    return ChildProcess.of(interpreter.toString(), "-c", "import confluent_kafka, avro")
            .timeout(Duration.ofSeconds(30))
            .run()
            .exitCode()
        == 0;
  }
}
