package io.inventory.events.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A JVM that dies without running its shutdown hooks")
class ParentDeathTest {

  @Test
  @DisplayName("leaves no registry process and no bound port once it is killed with SIGKILL")
  void killedJvmLeavesNothingBehind() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path workDir = Path.of("target", "inventory-stack-parent-death").toAbsolutePath();
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StackInChildJvm.class.getName(),
                workDir.toString())
            .redirectError(workDir.resolveSibling("inventory-stack-parent-death.err").toFile())
            .start();
    try {
      Map<String, String> started =
          CompletableFuture.supplyAsync(() -> readStartedLines(child)).get(120, TimeUnit.SECONDS);
      long registryPid = Long.parseLong(started.get("REGISTRY_PID"));
      List<Integer> ports =
          Arrays.stream(started.get("PORTS").split(",")).map(Integer::valueOf).toList();
      ProcessHandle registry = ProcessHandle.of(registryPid).orElseThrow();
      assertThat(ports).hasSize(4).noneMatch(LoopbackPorts::isFree);

      child.destroyForcibly(); // SIGKILL: no shutdown hook runs in the child
      child.waitFor(30, TimeUnit.SECONDS);

      registry.onExit().get(30, TimeUnit.SECONDS);
      assertThat(registry.isAlive()).isFalse();
      assertThat(ports).allMatch(LoopbackPorts::isFree, "free to bind");
    } finally {
      child.descendants().forEach(ProcessHandle::destroyForcibly);
      child.destroyForcibly();
    }
  }

  private static Map<String, String> readStartedLines(Process child) {
    Map<String, String> values = new HashMap<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (values.size() < 2 && (line = out.readLine()) != null) {
        int eq = line.indexOf('=');
        if (eq > 0) values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (values.size() < 2)
      throw new IllegalStateException("The child JVM exited before its stack started: " + values);
    return values;
  }
}
