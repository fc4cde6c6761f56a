package io.inventory.events.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as a user runs it: a separate JVM, its own embedded stack, nothing else. */
@DisplayName("inventory-events.jar as a process")
class ShadedJarIT {
  @Test
  @DisplayName(
      "java -jar inventory-events.jar demo starts its own stack, prints the summary, exits 0 and"
          + " logs nothing")
  void demoRunsFromTheJar(@TempDir Path dir) throws Exception {
    Path jar = Path.of(System.getProperty("inventory.cli.jar", "target/inventory-events.jar"));
    assertThat(jar).exists();
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder command =
        new ProcessBuilder(
                javaExecutable(),
                "-Dinventory.stack.work-dir="
                    + Path.of("target/inventory-stack-it").toAbsolutePath(),
                "-jar",
                jar.toString(),
                "demo",
                "--events",
                "30")
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    // the embedded stack, even where the build itself runs against an external one
    command.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
    command.environment().remove("SCHEMA_REGISTRY_URL");

    Process demo = command.start();
    boolean finished = demo.waitFor(240, TimeUnit.SECONDS);
    if (!finished) {
      demo.destroyForcibly();
    }

    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(finished).as("finished within 240 s\n%s\n%s", stdout, stderr).isTrue();
    assertThat(demo.exitValue()).as("%s\n%s", stdout, stderr).isZero();
    assertThat(stdout)
        .containsPattern("per-product order   verified: 34 events over \\d+ products")
        .contains("dead-lettered       1 poison record(s) -> inventory.dev.events.dlt");
    List<String> stderrLines = stderr.lines().toList();
    assertThat(stderrLines)
        .as("only progress on stderr, no log lines")
        .allMatch(line -> line.startsWith("Starting Kafka") || line.startsWith("   "));
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
