package io.inventory.events.stack;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the unpacked Apicurio Registry app (the directory holding {@code quarkus-run.jar}),
 * unpacking the {@code apicurio-registry-app-VERSION-all.tar.gz} from Maven into the work directory
 * when only the archive exists. Order: explicit home, explicit archive, this module's {@code
 * target/} unpack, an earlier unpack in the work directory, the archive on the class path, the
 * local Maven repository.
 */
final class RegistryDistribution {
  static final String HOME_PROPERTY = "inventory.stack.registry.home";
  static final String HOME_ENV = "APICURIO_REGISTRY_HOME";
  static final String ARCHIVE_PROPERTY = "inventory.stack.registry.archive";
  static final String ARCHIVE_ENV = "APICURIO_REGISTRY_ARCHIVE";
  static final String RUNNER = "quarkus-run.jar";

  private static final Pattern LOCAL_REPOSITORY =
      Pattern.compile("<localRepository>\\s*([^<]+?)\\s*</localRepository>");

  private RegistryDistribution() {}

  static String directoryName() {
    return "apicurio-registry-" + StackVersions.APICURIO;
  }

  static String archiveName() {
    return "apicurio-registry-app-" + StackVersions.APICURIO + "-all.tar.gz";
  }

  /** Returns the directory that contains {@code quarkus-run.jar}. */
  static Path locate(StackEnvironment environment, Path workDir, Consumer<String> progress) {
    Optional<String> home = environment.setting(HOME_PROPERTY, HOME_ENV);
    if (home.isPresent()) {
      Path dir = Paths.get(home.get());
      if (!Files.isRegularFile(dir.resolve(RUNNER))) {
        throw new MissingPrerequisiteException(
            "The Apicurio Registry home \""
                + home.get()
                + "\" (system property "
                + HOME_PROPERTY
                + " or env "
                + HOME_ENV
                + ") has no "
                + RUNNER
                + ". Point it at the unpacked "
                + archiveName()
                + ".");
      }
      return dir;
    }
    Optional<String> archive = environment.setting(ARCHIVE_PROPERTY, ARCHIVE_ENV);
    if (archive.isPresent()) {
      Path file = Paths.get(archive.get());
      if (!Files.isRegularFile(file)) {
        throw new MissingPrerequisiteException(
            "The Apicurio Registry archive \""
                + archive.get()
                + "\" (system property "
                + ARCHIVE_PROPERTY
                + " or env "
                + ARCHIVE_ENV
                + ") does not exist.");
      }
      return unpack(file, workDir.resolve(directoryName()), progress);
    }

    List<Path> searched = new ArrayList<>();
    Optional<Path> moduleUnpack =
        moduleTargetDirectory().map(target -> target.resolve(directoryName()));
    for (Path dir : moduleUnpack.map(List::of).orElse(List.of())) {
      searched.add(dir);
      if (Files.isRegularFile(dir.resolve(RUNNER))) return dir;
    }
    Path workUnpack = workDir.resolve(directoryName());
    searched.add(workUnpack);
    if (Files.isRegularFile(workUnpack.resolve(RUNNER))) return workUnpack;

    List<Path> archives = new ArrayList<>();
    for (String entry :
        environment.property("java.class.path").orElse("").split(java.io.File.pathSeparator)) {
      if (entry.endsWith(archiveName())) archives.add(Paths.get(entry));
    }
    for (Path repository : localRepositories(environment)) {
      archives.add(
          repository
              .resolve("io/apicurio/apicurio-registry-app")
              .resolve(StackVersions.APICURIO)
              .resolve(archiveName()));
    }
    for (Path candidate : archives) {
      searched.add(candidate);
      if (Files.isRegularFile(candidate)) return unpack(candidate, workUnpack, progress);
    }
    throw new MissingPrerequisiteException(
        "Apicurio Registry "
            + StackVersions.APICURIO
            + " was not found; searched "
            + searched
            + ". Let Maven fetch it (it is a dependency of"
            + " inventory-events-local-stack, or run: mvn dependency:get"
            + " -Dartifact=io.apicurio:apicurio-registry-app:"
            + StackVersions.APICURIO
            + ":tar.gz:all),"
            + " or set "
            + ARCHIVE_ENV
            + " (-D"
            + ARCHIVE_PROPERTY
            + ") to the tar.gz, or "
            + HOME_ENV
            + " (-D"
            + HOME_PROPERTY
            + ") to an unpacked copy.");
  }

  /** {@code target/} of the module when this class runs from {@code target/classes}. */
  private static Optional<Path> moduleTargetDirectory() {
    try {
      CodeSource source = RegistryDistribution.class.getProtectionDomain().getCodeSource();
      if (source == null) return Optional.empty();
      Path location = Paths.get(source.getLocation().toURI());
      Path parent = location.getParent();
      if (parent != null
          && parent.getFileName() != null
          && parent.getFileName().toString().equals("target")) {
        return Optional.of(parent);
      }
      return Optional.empty();
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static List<Path> localRepositories(StackEnvironment environment) {
    List<Path> repositories = new ArrayList<>();
    environment.property("maven.repo.local").map(Paths::get).ifPresent(repositories::add);
    Path m2 = environment.userHome().resolve(".m2");
    Path settings = m2.resolve("settings.xml");
    if (Files.isRegularFile(settings)) {
      try {
        Matcher m = LOCAL_REPOSITORY.matcher(Files.readString(settings));
        if (m.find() && !m.group(1).contains("${")) repositories.add(Paths.get(m.group(1)));
      } catch (IOException | RuntimeException ignored) {
        // an unreadable settings file leaves the default repository
      }
    }
    repositories.add(m2.resolve("repository"));
    return repositories;
  }

  /**
   * Unpacks into a temporary sibling first and renames it, so a half-written copy is never used.
   */
  private static Path unpack(Path archive, Path target, Consumer<String> progress) {
    if (Files.isRegularFile(target.resolve(RUNNER))) return target;
    Path temporary =
        target.resolveSibling(target.getFileName() + ".unpacking-" + ProcessHandle.current().pid());
    try {
      WorkDirectory.delete(temporary);
      long size = Files.size(archive);
      progress.accept(
          "Unpacking Apicurio Registry "
              + StackVersions.APICURIO
              + " ("
              + (size >> 20)
              + " MiB) from "
              + archive
              + " into "
              + target);
      int[] lastQuarter = {0};
      new TarGzArchive(archive)
          .extractTo(
              temporary,
              read -> {
                int quarter = (int) (read * 4 / Math.max(1, size));
                if (quarter > lastQuarter[0] && quarter < 4) {
                  lastQuarter[0] = quarter;
                  progress.accept("  unpacked " + quarter * 25 + "%");
                }
              });
      if (!Files.isRegularFile(temporary.resolve(RUNNER))) {
        throw new MissingPrerequisiteException(
            archive
                + " holds no "
                + RUNNER
                + "; it is not the Apicurio Registry app distribution (classifier all, type"
                + " tar.gz).");
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        // another JVM finished the same unpack first: use its copy
        if (!Files.isRegularFile(target.resolve(RUNNER))) throw raced;
      }
      progress.accept("  unpacked 100%");
      return target;
    } catch (IOException e) {
      throw new StackStartException(
          "Could not unpack " + archive + " into " + target + ": " + e, e);
    } finally {
      WorkDirectory.delete(temporary);
    }
  }
}
