package io.inventory.events.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the command in this JVM, as picocli's {@code execute}, with captured output: the tests' one
 * way in.
 */
final class Cli {
  private Cli() {}

  /** What one run printed and returned. */
  record Run(int exitCode, String out, String err) {
    List<String> outLines() {
      return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  static Run run(String... args) {
    return runWithInput("", args);
  }

  static Run runWithInput(String stdin, String... args) {
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        InventoryEventsCli.commandLine(in, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  /**
   * {@code args} followed by the stack's addresses as {@code --bootstrap-servers} and {@code
   * --registry}.
   */
  static String[] against(io.inventory.events.stack.InventoryStack stack, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--bootstrap-servers",
            stack.bootstrapServers(),
            "--registry",
            stack.schemaRegistryUrl()));
    return all.toArray(String[]::new);
  }

  /** The repository root (schemas/, asyncapi.yaml), as the build passes it. */
  static Path repositoryRoot() {
    return Path.of(System.getProperty("inventory.repository.root", ".."))
        .toAbsolutePath()
        .normalize();
  }
}
