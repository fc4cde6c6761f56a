package io.inventory.events.stack.internal;

/**
 * A Java agent loaded into the schema registry's JVM: it ends that JVM when the JVM that started it
 * is gone, so a test JVM killed with SIGKILL (where no shutdown hook runs) leaves no registry
 * process and no bound port behind. Agent argument: the parent's process id. Not public API.
 */
public final class ParentWatchdogAgent {
  private static final long HALT_AFTER_MILLIS = 15_000;

  private ParentWatchdogAgent() {}

  public static void premain(String parentPid) {
    long pid = Long.parseLong(parentPid.trim());
    Thread watchdog =
        new Thread(
            () -> {
              ProcessHandle.of(pid).ifPresent(parent -> parent.onExit().join());
              Thread halt =
                  new Thread(
                      () -> {
                        try {
                          Thread.sleep(HALT_AFTER_MILLIS);
                        } catch (InterruptedException ignored) {
                          // exiting anyway
                        }
                        Runtime.getRuntime().halt(3);
                      },
                      "inventory-stack-watchdog-halt");
              halt.setDaemon(true);
              halt.start();
              System.err.println(
                  "inventory-stack: parent process " + pid + " is gone; stopping the registry");
              System.exit(3);
            },
            "inventory-stack-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
