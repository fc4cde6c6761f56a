package io.inventory.events.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The stack's directory (default {@code target/inventory-stack}): one {@code runs/PID-N} directory
 * per started stack for broker data and the registry log, deleted on close. Runs left behind by a
 * JVM that was killed are deleted the next time a stack starts.
 */
final class WorkDirectory {
  static final String PROPERTY = "inventory.stack.work-dir";

  private static final AtomicInteger RUNS = new AtomicInteger();

  private WorkDirectory() {}

  static Path defaultFor(StackEnvironment environment) {
    return environment
        .property(PROPERTY)
        .map(Paths::get)
        .orElse(
            Paths.get(environment.property("user.dir").orElse("."), "target", "inventory-stack"))
        .toAbsolutePath()
        .normalize();
  }

  static Path newRun(Path workDir) {
    Path runs = workDir.resolve("runs");
    try {
      Files.createDirectories(runs);
      deleteRunsOfDeadProcesses(runs);
      long pid = ProcessHandle.current().pid();
      Path run = runs.resolve(pid + "-" + RUNS.incrementAndGet());
      delete(run);
      return Files.createDirectories(run);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a run directory under " + runs, e);
    }
  }

  private static void deleteRunsOfDeadProcesses(Path runs) throws IOException {
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(runs)) {
      for (Path run : stream) {
        String name = run.getFileName().toString();
        int dash = name.indexOf('-');
        if (dash <= 0) continue;
        try {
          long pid = Long.parseLong(name.substring(0, dash));
          if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
          delete(run);
        } catch (NumberFormatException ignored) {
          // not one of ours
        }
      }
    }
  }

  /** Best-effort recursive delete: a leftover file under target/ is harmless. */
  static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException ignored) {
                  // see method comment
                }
              });
    } catch (IOException | UncheckedIOException ignored) {
      // see method comment
    }
  }
}
