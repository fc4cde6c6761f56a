package io.inventory.events.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The release step: freezes the working schemas ({@code common/}, {@code events/}) and the AsyncAPI
 * document as {@code <releases>/<version>/}, the baseline every later change is checked against.
 * Used by the gate's own command and by the {@code inventory-events check --release-as} command.
 */
public final class ReleaseSnapshot {
  private ReleaseSnapshot() {}

  /**
   * @param asyncApi the AsyncAPI document to freeze beside the schemas, or {@code null}
   * @return the new release directory
   * @throws IllegalArgumentException when the version is not MAJOR.MINOR.PATCH or the release
   *     exists already (releases are never rewritten)
   * @throws java.io.UncheckedIOException when the release cannot be written
   */
  public static Path create(String version, Path schemas, Path releases, Path asyncApi) {
    if (!version.matches("\\d+\\.\\d+\\.\\d+([-.][0-9A-Za-z.]+)?")) {
      throw new IllegalArgumentException(
          "release version \"" + version + "\" is not MAJOR.MINOR.PATCH");
    }
    Path target = releases.resolve(version);
    if (Files.exists(target)) {
      throw new IllegalArgumentException(
          "release "
              + version
              + " exists already at "
              + target
              + "; releases are frozen, pick the next version");
    }
    try {
      for (String part : new String[] {"common", "events"}) {
        copyTree(schemas.resolve(part), target.resolve(part));
      }
      if (asyncApi != null && Files.isRegularFile(asyncApi)) {
        Files.copy(asyncApi, target.resolve("asyncapi.yaml"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write release " + target + ": " + e.getMessage(), e);
    }
    return target;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files.sorted()::iterator) {
        Path destination = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(source, destination);
        }
      }
    }
  }
}
