package io.inventory.events.conformance.docs;

import io.inventory.events.conformance.ChildProcess;
import io.inventory.events.conformance.RequiredTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless and offline, on a local page: the DOM once the page's scripts
 * have run, and a screenshot. Each run gets a fresh profile, so nothing from an earlier run (or a
 * person's browser) changes what the page shows. {@code CHROMIUM} overrides the binary.
 */
final class HeadlessChromium {
  static final String INSTALL = "apt-get install -y chromium";

  // Virtual time lets the page's own timers (hydration, open-payloads.js) finish before the dump.
  private static final List<String> OFFLINE_HEADLESS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--virtual-time-budget=10000");

  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  static Optional<HeadlessChromium> find() {
    return RequiredTool.find("CHROMIUM", "chromium", "chromium-browser").map(HeadlessChromium::new);
  }

  /** The page's DOM, serialised after its scripts ran. */
  String dumpDom(Path page) {
    return run(page, "--dump-dom").stdout();
  }

  /** Saves what a 1280-pixel-wide window shows of the page's first 4000 pixels. */
  void screenshot(Path page, Path png) {
    run(page, "--screenshot=" + png, "--window-size=1280,4000");
  }

  private ChildProcess.Result run(Path page, String... action) {
    Path profile = temporaryProfile();
    try {
      List<String> command = new ArrayList<>();
      command.add(binary.toString());
      command.addAll(OFFLINE_HEADLESS);
      command.add("--user-data-dir=" + profile);
      command.addAll(List.of(action));
      command.add(page.toUri().toString());
      return ChildProcess.of(command).timeout(Duration.ofMinutes(2)).run().requireSuccess();
    } finally {
      deleteTree(profile);
    }
  }

  private static Path temporaryProfile() {
    try {
      return Files.createTempDirectory("chromium-profile");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // a leftover profile in the temp directory is harmless
    }
  }
}
