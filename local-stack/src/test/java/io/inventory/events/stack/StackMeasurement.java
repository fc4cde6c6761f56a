package io.inventory.events.stack;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Measures time-to-ready and memory of the broker and the registry, one after the other so that
 * neither slows the other: {@code mvn -q -pl local-stack test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.inventory.events.stack.StackMeasurement
 * [-Dexec.args=ROUNDS]}; with {@code -Dexec.args="ROUNDS cluster"} the three-broker cluster
 * instead, alone and then as a whole stack. Not a test.
 */
final class StackMeasurement {
  private StackMeasurement() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    StackEnvironment environment = StackEnvironment.system();
    Path workDir = WorkDirectory.defaultFor(environment);
    if (args.length > 1 && args[1].equals("cluster")) {
      measureCluster(rounds, workDir);
      return;
    }
    RegistryJavaRuntime java = RegistryJavaRuntime.locate(environment);
    Path distribution = RegistryDistribution.locate(environment, workDir, System.out::println);
    System.out.printf(
        "cores=%d, load average=%.2f, registry on %s%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        java);

    for (int round = 1; round <= rounds; round++) {
      Path runDir = WorkDirectory.newRun(workDir);
      long heapBefore = usedHeapAfterGc();
      long rssBefore = rssKiB(ProcessHandle.current().pid());
      Deadline kafkaDeadline = Deadline.after(Duration.ofSeconds(60));
      try (EmbeddedKafka kafka = EmbeddedKafka.start(runDir, kafkaDeadline)) {
        Duration kafkaReady = kafkaDeadline.elapsed();
        long heap = usedHeapAfterGc() - heapBefore;
        long rss = rssKiB(ProcessHandle.current().pid()) - rssBefore;
        System.out.printf(
            Locale.ROOT,
            "round %d kafka    ready %5.2f s  heap +%4d MiB  JVM RSS +%4d MiB%n",
            round,
            kafkaReady.toMillis() / 1000.0,
            heap >> 20,
            rss >> 10);
      }
      for (List<String> options : List.of(RegistryProcess.DEFAULT_JVM_OPTIONS, List.<String>of())) {
        Deadline deadline = Deadline.after(Duration.ofSeconds(120));
        try (RegistryProcess registry =
            RegistryProcess.start(distribution, java, options, runDir, deadline, line -> {})) {
          Duration ready = deadline.elapsed();
          long rss = rssKiB(registry.pid());
          String heap = heapInfo(java, registry.pid());
          System.out.printf(
              Locale.ROOT,
              "round %d registry ready %5.2f s  RSS %4d MiB  %s  options %s%n",
              round,
              ready.toMillis() / 1000.0,
              rss >> 10,
              heap,
              options.isEmpty() ? "(JVM defaults)" : options);
        }
      }
      WorkDirectory.delete(runDir);
      Deadline whole = Deadline.after(Duration.ofSeconds(120));
      try (InventoryStack stack =
          InventoryStack.builder().embedded().progress(line -> {}).start()) {
        System.out.printf(
            Locale.ROOT,
            "round %d whole stack (both in parallel, as the extension starts it) ready %5.2f s%n",
            round,
            whole.elapsed().toMillis() / 1000.0);
      }
    }
  }

  /**
   * The cluster's first round in a fresh JVM is a cold start (Kafka's classes not yet loaded), as
   * for the first stack of a test run.
   */
  private static void measureCluster(int rounds, Path workDir) throws Exception {
    System.out.printf(
        "cores=%d, load average=%.2f, JVM RSS before %d MiB%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        rssKiB(ProcessHandle.current().pid()) >> 10);
    for (int round = 1; round <= rounds; round++) {
      Path runDir = WorkDirectory.newRun(workDir);
      long heapBefore = usedHeapAfterGc();
      long rssBefore = rssKiB(ProcessHandle.current().pid());
      Deadline deadline = Deadline.after(Duration.ofSeconds(60));
      try (EmbeddedCluster cluster = EmbeddedCluster.start(runDir, 3, deadline)) {
        Duration ready = deadline.elapsed();
        long heap = usedHeapAfterGc() - heapBefore;
        long rss = rssKiB(ProcessHandle.current().pid());
        System.out.printf(
            Locale.ROOT,
            "round %d cluster  ready %5.2f s  heap +%4d MiB  JVM RSS +%4d MiB (%4d MiB in all)%n",
            round,
            ready.toMillis() / 1000.0,
            heap >> 20,
            (rss - rssBefore) >> 10,
            rss >> 10);
      }
      WorkDirectory.delete(runDir);
      Deadline whole = Deadline.after(Duration.ofSeconds(120));
      try (InventoryStack stack =
          InventoryStack.builder().embedded().brokers(3).progress(line -> {}).start()) {
        System.out.printf(
            Locale.ROOT,
            "round %d whole stack with brokers(3) ready %5.2f s%n",
            round,
            whole.elapsed().toMillis() / 1000.0);
      }
    }
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) System.gc();
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static long rssKiB(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", ""));
    }
    return -1;
  }

  /** "heap used/committed" from the registry JVM's own jcmd, after a full GC. */
  private static String heapInfo(RegistryJavaRuntime runtime, long pid) throws Exception {
    Path jcmd = runtime.javaExecutable().resolveSibling("jcmd");
    if (!Files.isExecutable(jcmd)) return "(no jcmd)";
    run(jcmd.toString(), String.valueOf(pid), "GC.run");
    String info = run(jcmd.toString(), String.valueOf(pid), "GC.heap_info");
    // G1 prints "committed NK, used MK" once; Serial prints "total NK, used MK" per generation
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?:committed|total) (\\d+)K, used (\\d+)K").matcher(info);
    long committed = 0;
    long used = 0;
    while (m.find()) {
      committed += Long.parseLong(m.group(1));
      used += Long.parseLong(m.group(2));
    }
    return committed == 0
        ? "(heap unknown)"
        : String.format("heap used %3d MiB of %3d MiB committed", used >> 10, committed >> 10);
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    return out;
  }
}
