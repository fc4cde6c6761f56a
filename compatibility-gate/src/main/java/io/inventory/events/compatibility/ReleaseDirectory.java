package io.inventory.events.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The released versions the gate checks against: one sub-directory per release of {@code
 * schemas/releases/}, in version order (1.2.0 before 1.10.0), then any given one by one.
 */
final class ReleaseDirectory {
  private ReleaseDirectory() {}

  /**
   * Version → directory, in the order they are checked.
   *
   * @param directory the releases directory; null or missing means none
   * @throws UncheckedIOException when the directory cannot be listed
   */
  static Map<String, Path> inVersionOrder(Path directory, Map<String, Path> more) {
    Map<String, Path> all = new LinkedHashMap<>();
    if (directory != null && Files.isDirectory(directory)) {
      try (Stream<Path> children = Files.list(directory)) {
        children
            .filter(Files::isDirectory)
            .sorted(
                Comparator.comparing(
                    (Path p) -> p.getFileName().toString(), ReleaseDirectory::compareVersions))
            .forEach(dir -> all.put(dir.getFileName().toString(), dir));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list releases in " + directory, e);
      }
    }
    all.putAll(more);
    return all;
  }

  /** Orders 1.2.0 before 1.10.0. */
  static int compareVersions(String a, String b) {
    String[] left = a.split("[.-]");
    String[] right = b.split("[.-]");
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      String l = i < left.length ? left[i] : "";
      String r = i < right.length ? right[i] : "";
      int order =
          l.matches("\\d+") && r.matches("\\d+")
              ? Long.compare(Long.parseLong(l), Long.parseLong(r))
              : l.compareTo(r);
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }
}
