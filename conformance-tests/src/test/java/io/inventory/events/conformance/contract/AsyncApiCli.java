package io.inventory.events.conformance.contract;

import io.inventory.events.conformance.ChildProcess;
import io.inventory.events.conformance.ContractFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The AsyncAPI CLI pinned in the repository's package-lock.json, run the way DESIGN.md says it must
 * be run here: with CI=true (no analytics call) and without the browser download.
 */
final class AsyncApiCli {
  /** What one run printed and how it exited. */
  record Result(int exitCode, String output) {}

  private AsyncApiCli() {}

  static Result validate(Path document) {
    return run(List.of("validate", document.toString(), "--fail-severity", "warn"));
  }

  static Result run(List<String> arguments) {
    Path root = ContractFiles.root();
    Path cli = root.resolve("node_modules/.bin/asyncapi");
    if (!Files.isExecutable(cli)) {
      install(root);
    }
    List<String> command = new ArrayList<>();
    command.add(cli.toString());
    command.addAll(arguments);
    return execute(command, Duration.ofSeconds(180));
  }

  /**
   * Installs exactly what package-lock.json pins; the first run on a fresh clone needs a minute.
   */
  private static void install(Path root) {
    System.out.println("Installing the pinned AsyncAPI CLI with `npm ci` (first run only)...");
    Result npm = execute(List.of("npm", "ci", "--no-audit", "--no-fund"), Duration.ofMinutes(10));
    if (npm.exitCode() != 0) {
      throw new IllegalStateException(
          "`npm ci` failed in "
              + root
              + "; install Node 18+ and npm,"
              + " then run `npm ci` there by hand to see why:\n"
              + npm.output());
    }
  }

  private static Result execute(List<String> command, Duration timeout) {
    ChildProcess.Result result =
        ChildProcess.of(command)
            .environment("CI", "true")
            .environment("PUPPETEER_SKIP_DOWNLOAD", "true")
            .timeout(timeout)
            .run();
    return new Result(result.exitCode(), result.output());
  }
}
