package io.inventory.events.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An embedded stack's lifecycle")
class StackLifecycleTest {

  @Test
  @DisplayName(
      "after close the registry process is gone, every port is free and the run directory is"
          + " deleted")
  void closeStopsEverything() {
    Path workDir = Path.of("target", "inventory-stack-lifecycle");
    InventoryStack stack =
        InventoryStack.builder().embedded().workDir(workDir).compatibility("backward").start();
    long pid = stack.registryPid().orElseThrow();
    ProcessHandle registry = ProcessHandle.of(pid).orElseThrow();
    List<Integer> ports = stack.boundPorts();
    Path log = stack.registry().orElseThrow().logFile();
    assertThat(ports).hasSize(4).doesNotHaveDuplicates().noneMatch(LoopbackPorts::isFree);
    assertThat(stack.compatibility()).isEqualTo("BACKWARD");
    assertThat(log).exists();

    stack.close();
    stack.close();

    assertThat(registry.isAlive()).isFalse();
    assertThat(ports).allMatch(LoopbackPorts::isFree, "free to bind");
    assertThat(log.getParent()).doesNotExist();
    assertThatThrownBy(() -> stack.createTopic(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("This stack is closed");
  }

  @Test
  @DisplayName(
      "a registry that exits during start fails with the exit code and the tail of its log, leaving"
          + " no process")
  void registryThatCrashesReportsItsLog() throws Exception {
    StackEnvironment environment = StackEnvironment.system();
    Path runDir =
        Files.createDirectories(Path.of("target", "inventory-stack-failures", "crash"))
            .toAbsolutePath();
    RegistryJavaRuntime java = RegistryJavaRuntime.locate(environment);
    Path distribution =
        RegistryDistribution.locate(environment, Path.of("target", "inventory-stack"), line -> {});

    assertThatThrownBy(
            () ->
                RegistryProcess.start(
                    distribution,
                    java,
                    List.of("-XX:+NoSuchOptionForThisTest"),
                    runDir,
                    Deadline.after(Duration.ofSeconds(60)),
                    line -> {}))
        .isInstanceOf(StackStartException.class)
        .hasMessageStartingWith(
            "Apicurio Registry 3.3.3 exited with code 1 before it was ready (" + java + ", log ")
        .hasMessageContaining("Unrecognized VM option 'NoSuchOptionForThisTest'");
    assertThat(childrenRunning(runDir.toString())).isEmpty();
  }

  @Test
  @DisplayName(
      "a registry that is not ready before the deadline fails with the deadline and the log, and is"
          + " stopped")
  void registryPastItsDeadlineIsStopped() throws Exception {
    StackEnvironment environment = StackEnvironment.system();
    Path runDir =
        Files.createDirectories(Path.of("target", "inventory-stack-failures", "deadline"))
            .toAbsolutePath();
    RegistryJavaRuntime java = RegistryJavaRuntime.locate(environment);
    Path distribution =
        RegistryDistribution.locate(environment, Path.of("target", "inventory-stack"), line -> {});

    assertThatThrownBy(
            () ->
                RegistryProcess.start(
                    distribution,
                    java,
                    RegistryProcess.DEFAULT_JVM_OPTIONS,
                    runDir,
                    Deadline.after(Duration.ofMillis(300)),
                    line -> {}))
        .isInstanceOf(StackStartException.class)
        .hasMessageContaining("was not ready on http://127.0.0.1:")
        .hasMessageContaining("/health/ready within 0.3 s")
        .hasMessageContaining(
            "raise the deadline with InventoryStack.builder().startupTimeout(...)");
    assertThat(childrenRunning(runDir.toString())).isEmpty();
  }

  @Test
  @DisplayName(
      "a broker that is not ready before the deadline fails with its address and deadline, and is"
          + " stopped")
  void brokerPastItsDeadlineIsStopped() throws Exception {
    Path runDir =
        Files.createDirectories(Path.of("target", "inventory-stack-failures", "kafka"))
            .toAbsolutePath();

    assertThatThrownBy(() -> EmbeddedKafka.start(runDir, Deadline.after(Duration.ZERO)))
        .isInstanceOf(StackStartException.class)
        .hasMessageMatching(
            "Kafka 4\\.4\\.0 \\(data in .*kafka-1\\) on 127\\.0\\.0\\.1:(\\d+) was not ready within"
                + " 0\\.0 s")
        .satisfies(
            e -> {
              int port =
                  Integer.parseInt(e.getMessage().replaceAll(".*127\\.0\\.0\\.1:(\\d+).*", "$1"));
              assertThat(LoopbackPorts.isFree(port)).as("port %d free", port).isTrue();
            });
    assertThat(runDir.resolve("kafka-1")).doesNotExist();
  }

  /**
   * Child processes whose command line contains the text (a registry names its run directory in its
   * -javaagent argument).
   */
  static List<ProcessHandle> childrenRunning(String commandLinePart) {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(commandLinePart))
        .toList();
  }
}
