package io.inventory.events.stack;

import java.nio.file.Path;

/** Starts an embedded stack in a JVM that {@link ParentDeathTest} then kills with SIGKILL. */
final class StackInChildJvm {
  private StackInChildJvm() {}

  public static void main(String[] args) throws InterruptedException {
    InventoryStack stack =
        InventoryStack.builder().embedded().workDir(Path.of(args[0])).progress(line -> {}).start();
    System.out.println("REGISTRY_PID=" + stack.registryPid().getAsLong());
    System.out.println("PORTS=" + stack.boundPorts().toString().replaceAll("[\\[\\] ]", ""));
    System.out.flush();
    new java.util.concurrent.CountDownLatch(1).await(); // until killed
  }
}
