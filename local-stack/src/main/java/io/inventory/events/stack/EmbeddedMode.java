package io.inventory.events.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Starts both servers on this machine, in a fresh run directory under the work directory: Kafka
 * inside this JVM (one combined node, or a controller and three brokers) and Apicurio Registry as a
 * child process on a Java 21+ runtime, the two in parallel because the registry is the slow one.
 * Registers a shutdown hook that stops both if the JVM exits before the stack is closed.
 */
final class EmbeddedMode implements StackMode {
  private final boolean secured;

  EmbeddedMode() {
    this(false);
  }

  /**
   * With {@code secured}, one combined node listening for SASL_SSL (SCRAM-SHA-512) only, and the
   * registry behind a TLS and basic-auth front ({@link RegistryTlsFront}); certificate, stores and
   * passwords are made fresh in the run directory ({@link StackSecurity}).
   */
  EmbeddedMode(boolean secured) {
    this.secured = secured;
  }

  boolean secured() {
    return secured;
  }

  @Override
  public String name() {
    return secured ? "embedded, secured" : "embedded";
  }

  @Override
  public Backends start(StackSettings settings, StackResources resources) {
    Consumer<String> progress = settings.progress();
    Path work = settings.workDir();
    // find both prerequisites before starting anything: a missing Java 21 should fail in
    // milliseconds
    RegistryJavaRuntime java = RegistryJavaRuntime.locate(settings.environment());
    Path distribution = RegistryDistribution.locate(settings.environment(), work, progress);
    List<String> jvmOptions = RegistryProcess.jvmOptions(settings.environment());
    Path runDir = WorkDirectory.newRun(work);
    resources.add(() -> WorkDirectory.delete(runDir));
    resources.registerShutdownHook();
    Deadline deadline = settings.deadline();
    StackSecurity security = secured ? StackSecurity.generate(runDir.resolve("tls")) : null;
    progress.accept(
        "Starting Apicurio Registry "
            + StackVersions.APICURIO
            + " on "
            + java
            + " and Kafka "
            + StackVersions.KAFKA
            + " (KRaft) in "
            + runDir);
    CompletableFuture<RegistryProcess> registryStart =
        CompletableFuture.supplyAsync(
            () ->
                RegistryProcess.start(distribution, java, jvmOptions, runDir, deadline, progress));
    KafkaBackend kafka = startKafka(settings, runDir, deadline, registryStart, resources, security);
    progress.accept(
        "  Kafka ready at "
            + kafka.bootstrapServers()
            + " after "
            + Deadline.seconds(deadline.elapsed()));
    RegistryProcess process = resources.add(join(registryStart));
    RegistryBackend registry =
        security == null ? process : resources.add(RegistryTlsFront.start(process, security));
    progress.accept(
        "  Registry ready at "
            + registry.confluentApiUrl()
            + " after "
            + Deadline.seconds(deadline.elapsed())
            + " (log "
            + process.logFile()
            + ")");
    return new Backends(kafka, registry);
  }

  /** Starts Kafka in this thread; if it fails, the registry starting meanwhile is stopped too. */
  private static KafkaBackend startKafka(
      StackSettings settings,
      Path runDir,
      Deadline deadline,
      CompletableFuture<RegistryProcess> registryStart,
      StackResources resources,
      StackSecurity security) {
    try {
      return resources.add(
          settings.brokers() == 1
              ? EmbeddedKafka.start(runDir, deadline, security, settings.brokerProperties())
              : EmbeddedCluster.start(
                  runDir, settings.brokers(), deadline, settings.brokerProperties()));
    } catch (RuntimeException e) {
      try {
        join(registryStart).close();
      } catch (RuntimeException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
  }

  private static RegistryProcess join(CompletableFuture<RegistryProcess> registryStart) {
    try {
      return registryStart.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
    }
  }
}
