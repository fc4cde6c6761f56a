package io.inventory.events.stack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a Java 21+ {@code bin/java} for the registry process, which needs a newer runtime than the
 * Java 17 this jar (and possibly the test JVM) runs on. Order: an explicit setting, the running
 * JVM, {@code JAVA_HOME}, then the usual JDK install roots, newest version first.
 */
final class RegistryJavaRuntime {
  static final int MINIMUM_FEATURE = 21;
  static final String PROPERTY = "inventory.stack.registry.java";
  static final String ENV = "REGISTRY_JAVA_HOME";

  private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"?(\\d+)(?:\\.(\\d+))?");

  private final Path javaExecutable;
  private final int feature;

  private RegistryJavaRuntime(Path javaExecutable, int feature) {
    this.javaExecutable = javaExecutable;
    this.feature = feature;
  }

  Path javaExecutable() {
    return javaExecutable;
  }

  int feature() {
    return feature;
  }

  static RegistryJavaRuntime locate(StackEnvironment environment) {
    return locate(
        environment,
        Runtime.version().feature(),
        Paths.get(System.getProperty("java.home")),
        defaultRoots(environment));
  }

  static RegistryJavaRuntime locate(
      StackEnvironment environment, int runningFeature, Path runningHome, List<Path> roots) {
    Optional<String> explicit = environment.setting(PROPERTY, ENV);
    if (explicit.isPresent()) {
      Path given = Paths.get(explicit.get());
      Path executable = Files.isDirectory(given) ? executableIn(given) : given;
      Path home =
          Files.isDirectory(given)
              ? given
              : given.getParent() == null ? given : given.getParent().getParent();
      if (!Files.isExecutable(executable)) {
        throw new MissingPrerequisiteException(
            "The Java runtime for the schema registry, set to \""
                + explicit.get()
                + "\" (system property "
                + PROPERTY
                + " or env "
                + ENV
                + "), has no executable "
                + executable
                + ". Point it at a Java "
                + MINIMUM_FEATURE
                + "+ home directory (the one that contains bin/java).");
      }
      int feature = home == null ? -1 : featureOf(home).orElse(-1);
      if (feature != -1 && feature < MINIMUM_FEATURE) {
        throw new MissingPrerequisiteException(
            "The Java runtime for the schema registry, set to \""
                + explicit.get()
                + "\" ("
                + PROPERTY
                + " / "
                + ENV
                + "), is Java "
                + feature
                + "; Apicurio Registry "
                + StackVersions.APICURIO
                + " needs Java "
                + MINIMUM_FEATURE
                + " or newer.");
      }
      return new RegistryJavaRuntime(executable, feature);
    }
    if (runningFeature >= MINIMUM_FEATURE && Files.isExecutable(executableIn(runningHome))) {
      return new RegistryJavaRuntime(executableIn(runningHome), runningFeature);
    }
    List<Path> searched = new ArrayList<>();
    List<RegistryJavaRuntime> found = new ArrayList<>();
    environment
        .env("JAVA_HOME")
        .map(Paths::get)
        .ifPresent(
            home -> {
              searched.add(home);
              candidate(home).ifPresent(found::add);
            });
    for (Path root : roots) {
      searched.add(root);
      for (Path home : children(root)) {
        candidate(home).ifPresent(found::add);
        // macOS bundles keep the home under Contents/Home
        candidate(home.resolve("Contents").resolve("Home")).ifPresent(found::add);
      }
    }
    return found.stream()
        .max(
            Comparator.comparingInt(RegistryJavaRuntime::feature)
                .thenComparing(r -> r.javaExecutable().toString(), Comparator.reverseOrder()))
        .orElseThrow(
            () ->
                new MissingPrerequisiteException(
                    "Apicurio Registry "
                        + StackVersions.APICURIO
                        + " needs Java "
                        + MINIMUM_FEATURE
                        + " or newer, but this JVM is Java "
                        + runningFeature
                        + " ("
                        + runningHome
                        + ") and no Java "
                        + MINIMUM_FEATURE
                        + "+ was found in JAVA_HOME or under "
                        + searched
                        + ". Install a JDK or JRE "
                        + MINIMUM_FEATURE
                        + "+ (for example the Debian package openjdk-21-jre-headless, or Temurin"
                        + " 21/25) and, if it is elsewhere, set the environment variable "
                        + ENV
                        + " (or -D"
                        + PROPERTY
                        + ") to its home directory."));
  }

  private static Optional<RegistryJavaRuntime> candidate(Path home) {
    Path executable = executableIn(home);
    if (!Files.isExecutable(executable)) return Optional.empty();
    return featureOf(home)
        .filter(f -> f >= MINIMUM_FEATURE)
        .map(f -> new RegistryJavaRuntime(executable, f));
  }

  /** The feature version from the home's {@code release} file: "25.0.3" is 25, "1.8.0_402" is 8. */
  static Optional<Integer> featureOf(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) return Optional.empty();
    try {
      for (String line : Files.readAllLines(release)) {
        Matcher m = VERSION.matcher(line.trim());
        if (m.find()) {
          int major = Integer.parseInt(m.group(1));
          if (major == 1 && m.group(2) != null) major = Integer.parseInt(m.group(2));
          return Optional.of(major);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Path executableIn(Path home) {
    boolean windows =
        System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    return home.resolve("bin").resolve(windows ? "java.exe" : "java");
  }

  private static List<Path> children(Path root) {
    List<Path> children = new ArrayList<>();
    if (!Files.isDirectory(root)) return children;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
      for (Path child : stream) {
        if (Files.isDirectory(child)) children.add(child);
      }
    } catch (IOException ignored) {
      // an unreadable root simply holds no candidates
    }
    children.sort(Comparator.naturalOrder());
    return children;
  }

  static List<Path> defaultRoots(StackEnvironment environment) {
    Path home = environment.userHome();
    List<Path> roots =
        new ArrayList<>(
            List.of(
                Paths.get("/usr/lib/jvm"),
                Paths.get("/usr/java"),
                Paths.get("/usr/local/lib/jvm"),
                Paths.get("/opt/java"),
                Paths.get("/opt/jdk"),
                Paths.get("/Library/Java/JavaVirtualMachines"),
                home.resolve(".sdkman").resolve("candidates").resolve("java"),
                home.resolve(".jdks"),
                home.resolve(".asdf").resolve("installs").resolve("java")));
    environment
        .env("ProgramFiles")
        .map(Paths::get)
        .ifPresent(
            pf -> {
              roots.add(pf.resolve("Java"));
              roots.add(pf.resolve("Eclipse Adoptium"));
              roots.add(pf.resolve("Microsoft"));
            });
    return roots;
  }

  @Override
  public String toString() {
    return "Java " + feature + " (" + javaExecutable + ")";
  }
}
