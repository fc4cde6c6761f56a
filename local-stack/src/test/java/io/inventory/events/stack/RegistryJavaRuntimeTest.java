package io.inventory.events.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Finding a Java 21+ runtime for the registry")
class RegistryJavaRuntimeTest {
  @TempDir Path roots;

  private Path jdk(String dir, String version) throws IOException {
    Path home = Files.createDirectories(roots.resolve(dir));
    Files.writeString(
        home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    assertThat(java.toFile().setExecutable(true)).isTrue();
    return home;
  }

  private static StackEnvironment env(Map<String, String> variables) {
    return StackEnvironment.of(Map.of(), variables);
  }

  @Test
  @DisplayName("picks the newest 21+ JDK under the usual roots when the running JVM is 17")
  void picksNewestQualifyingJdk() throws IOException {
    Path running = jdk("java-17", "17.0.15");
    jdk("jdk-21", "21.0.4");
    Path newest = jdk("temurin-25", "25.0.3");
    jdk("jdk-8", "1.8.0_402");

    RegistryJavaRuntime found =
        RegistryJavaRuntime.locate(env(Map.of()), 17, running, List.of(roots));

    assertThat(found.feature()).isEqualTo(25);
    assertThat(found.javaExecutable()).isEqualTo(newest.resolve("bin").resolve("java"));
  }

  @Test
  @DisplayName("uses the running JVM when it is 21 or newer")
  void usesRunningJvmWhenNewEnough() throws IOException {
    Path running = jdk("jdk-22", "22.0.1");
    jdk("temurin-25", "25.0.3");

    assertThat(
            RegistryJavaRuntime.locate(env(Map.of()), 22, running, List.of(roots)).javaExecutable())
        .isEqualTo(running.resolve("bin").resolve("java"));
  }

  @Test
  @DisplayName("REGISTRY_JAVA_HOME wins over everything else")
  void explicitHomeWins() throws IOException {
    Path chosen = jdk("jdk-21", "21.0.4");
    jdk("temurin-25", "25.0.3");

    RegistryJavaRuntime found =
        RegistryJavaRuntime.locate(
            env(Map.of("REGISTRY_JAVA_HOME", chosen.toString())),
            25,
            roots.resolve("temurin-25"),
            List.of(roots));

    assertThat(found.javaExecutable()).isEqualTo(chosen.resolve("bin").resolve("java"));
  }

  @Test
  @DisplayName("an explicit runtime older than 21 is refused with the version it has")
  void explicitOldRuntimeIsRefused() throws IOException {
    Path old = jdk("java-17", "17.0.15");

    assertThatThrownBy(
            () ->
                RegistryJavaRuntime.locate(
                    env(Map.of("REGISTRY_JAVA_HOME", old.toString())), 17, old, List.of()))
        .isInstanceOf(MissingPrerequisiteException.class)
        .hasMessage(
            "The Java runtime for the schema registry, set to \""
                + old
                + "\" (inventory.stack.registry.java / REGISTRY_JAVA_HOME), is Java 17; Apicurio"
                + " Registry 3.3.3 needs Java 21 or newer.");
  }

  @Test
  @DisplayName("with no 21+ runtime anywhere, says what to install and which variable to set")
  void noRuntimeSaysWhatToDo() throws IOException {
    Path running = jdk("java-17", "17.0.15");

    assertThatThrownBy(() -> RegistryJavaRuntime.locate(env(Map.of()), 17, running, List.of(roots)))
        .isInstanceOf(MissingPrerequisiteException.class)
        .hasMessage(
            "Apicurio Registry 3.3.3 needs Java 21 or newer, but this JVM is Java 17 ("
                + running
                + ") and no Java 21+ was found in JAVA_HOME or under ["
                + roots
                + "]. Install a JDK or JRE 21+ (for example the Debian package"
                + " openjdk-21-jre-headless, or Temurin 21/25) and, if it is elsewhere, set the"
                + " environment variable REGISTRY_JAVA_HOME (or -Dinventory.stack.registry.java) to"
                + " its home directory.");
  }
}
