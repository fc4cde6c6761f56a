package io.inventory.events.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A program from the operating system that some tests run (Chromium, Debian's Python packages),
 * found on this machine or reported the way this suite's CI needs: in CI ({@code CI=true}), where
 * {@code .ci/run} installs every such program, a missing one fails the test; on a developer's
 * machine the test is skipped, and the skip reason says what to install.
 */
public final class RequiredTool {
  private RequiredTool() {}

  /**
   * Ends the current test because {@code what} is not installed.
   *
   * @param install the command that installs it, for example {@code apt-get install -y chromium}
   */
  public static void missing(String what, String install) {
    String message = what + " is not installed; install it with `" + install + "`";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message + " (CI must run this test: .ci/run installs it)");
    }
    Assumptions.abort(message);
  }

  /** The first executable named by an environment variable {@code override}, or on the PATH. */
  public static Optional<Path> find(String override, String... names) {
    String configured = System.getenv(override);
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(names)
        .flatMap(
            name ->
                Arrays.stream(path.split(java.io.File.pathSeparator)).map(dir -> dir + "/" + name))
        .map(Path::of)
        .filter(Files::isExecutable)
        .findFirst();
  }
}
