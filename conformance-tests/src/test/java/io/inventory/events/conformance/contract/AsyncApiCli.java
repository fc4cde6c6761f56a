package io.inventory.events.conformance.contract;

import io.inventory.events.conformance.ContractFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The AsyncAPI CLI pinned in the repository's package-lock.json, run the way DESIGN.md says it must
 * be run here: with CI=true (no analytics call) and without the browser download.
 */
final class AsyncApiCli {
  /** What one run printed and how it exited. */
  record Result(int exitCode, String output) {}

  private AsyncApiCli() {}

  static Result validate(Path document) throws IOException, InterruptedException {
    return run(List.of("validate", document.toString(), "--fail-severity", "warn"));
  }

  static Result run(List<String> arguments) throws IOException, InterruptedException {
    Path root = ContractFiles.root();
    Path cli = root.resolve("node_modules/.bin/asyncapi");
    if (!Files.isExecutable(cli)) {
      install(root);
    }
    List<String> command = new ArrayList<>();
    command.add(cli.toString());
    command.addAll(arguments);
    return execute(command, root, 180);
  }

  /**
   * Installs exactly what package-lock.json pins; the first run on a fresh clone needs a minute.
   */
  private static void install(Path root) throws IOException, InterruptedException {
    System.out.println("Installing the pinned AsyncAPI CLI with `npm ci` (first run only)...");
    Result npm = execute(List.of("npm", "ci", "--no-audit", "--no-fund"), root, 600);
    if (npm.exitCode() != 0) {
      throw new IllegalStateException(
          "`npm ci` failed in "
              + root
              + "; install Node 18+ and npm,"
              + " then run `npm ci` there by hand to see why:\n"
              + npm.output());
    }
  }

  private static Result execute(List<String> command, Path directory, long timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().put("CI", "true");
    builder.environment().put("PUPPETEER_SKIP_DOWNLOAD", "true");
    Path log = Files.createTempFile("asyncapi-cli", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    return new Result(process.exitValue(), output);
  }
}
