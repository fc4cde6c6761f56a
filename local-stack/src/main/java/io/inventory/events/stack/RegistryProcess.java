package io.inventory.events.stack;

import io.inventory.events.stack.internal.ParentWatchdogAgent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Apicurio Registry as a child process ({@code java -jar quarkus-run.jar} on a Java 21+ runtime)
 * with in-memory storage, HTTP and management ports on free 127.0.0.1 ports, its output in a log
 * file. A Java agent in the child ends it when this JVM dies without running shutdown hooks.
 */
final class RegistryProcess implements RegistryBackend {
  static final String JVM_OPTIONS_PROPERTY = "inventory.stack.registry.jvm-options";

  /**
   * Measured on this project's machines: ready in ~3 s, ~40 MiB of heap used; 256 MiB leaves room.
   */
  static final List<String> DEFAULT_JVM_OPTIONS =
      List.of(
          "-Xms64m",
          "-Xmx256m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:+ExitOnOutOfMemoryError");

  static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";

  private static final int BIND_ATTEMPTS = 3;
  private static final int LOG_TAIL_LINES = 40;
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final int httpPort;
  private final int managementPort;
  private final Path logFile;
  private final RegistryJavaRuntime java;
  private boolean closed;

  private RegistryProcess(
      Process process, int httpPort, int managementPort, Path logFile, RegistryJavaRuntime java) {
    this.process = process;
    this.httpPort = httpPort;
    this.managementPort = managementPort;
    this.logFile = logFile;
    this.java = java;
  }

  @Override
  public String confluentApiUrl() {
    return "http://" + LoopbackPorts.HOST + ":" + httpPort + CONFLUENT_API_PATH;
  }

  String baseUrl() {
    return "http://" + LoopbackPorts.HOST + ":" + httpPort;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public List<Integer> ports() {
    return List.of(httpPort, managementPort);
  }

  @Override
  public Optional<RegistryProcess> process() {
    return Optional.of(this);
  }

  Path logFile() {
    return logFile;
  }

  RegistryJavaRuntime java() {
    return java;
  }

  static RegistryProcess start(
      Path distribution,
      RegistryJavaRuntime java,
      List<String> jvmOptions,
      Path runDir,
      Deadline deadline,
      Consumer<String> progress) {
    // the child runs in runDir: every path handed to it must be absolute
    runDir = runDir.toAbsolutePath();
    distribution = distribution.toAbsolutePath();
    Path agent = writeAgentJar(runDir);
    StackStartException last = null;
    for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
      List<Integer> ports = LoopbackPorts.pick(2);
      Path log =
          runDir.resolve(
              attempt == 1 ? "apicurio-registry.log" : "apicurio-registry-" + attempt + ".log");
      RegistryProcess registry =
          launch(distribution, java, jvmOptions, agent, ports.get(0), ports.get(1), runDir, log);
      try {
        registry.awaitReady(deadline, progress);
        return registry;
      } catch (StackStartException e) {
        registry.close();
        if (!registry.logMentionsBindFailure()) throw e;
        last = e;
      }
    }
    throw last;
  }

  private static RegistryProcess launch(
      Path distribution,
      RegistryJavaRuntime java,
      List<String> jvmOptions,
      Path agent,
      int httpPort,
      int managementPort,
      Path runDir,
      Path log) {
    String host = LoopbackPorts.HOST;
    List<String> command = new ArrayList<>();
    command.add(java.javaExecutable().toString());
    command.addAll(jvmOptions);
    command.add("-javaagent:" + agent + "=" + ProcessHandle.current().pid());
    command.addAll(
        Arrays.asList(
            "-Dquarkus.http.host=" + host,
            "-Dquarkus.http.port=" + httpPort,
            "-Dquarkus.management.host=" + host,
            "-Dquarkus.management.port=" + managementPort,
            "-Dquarkus.http.access-log.enabled=false",
            "-Dquarkus.banner.enabled=false",
            "-Dquarkus.log.level=WARN",
            "-Dquarkus.log.category.\"io.apicurio\".level=WARN",
            "-Dquarkus.log.category.\"io.quarkus\".level=WARN",
            "-jar",
            distribution.resolve(RegistryDistribution.RUNNER).toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(runDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    try {
      Files.writeString(log, "# " + String.join(" ", command) + System.lineSeparator());
      Process process = builder.start();
      process.getOutputStream().close();
      return new RegistryProcess(process, httpPort, managementPort, log, java);
    } catch (IOException e) {
      throw new StackStartException(
          "Could not start the schema registry with " + java + ": " + e, e);
    }
  }

  /** Polls the management interface's {@code /health/ready} until it reports UP. */
  private void awaitReady(Deadline deadline, Consumer<String> progress) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    URI ready = URI.create("http://" + LoopbackPorts.HOST + ":" + managementPort + "/health/ready");
    long nextProgress = 10;
    while (!deadline.expired()) {
      if (!process.isAlive()) {
        throw new StackStartException(
            "Apicurio Registry "
                + StackVersions.APICURIO
                + " exited with code "
                + process.exitValue()
                + " before it was ready ("
                + java
                + ", log "
                + logFile
                + "). Last lines:\n"
                + logTail());
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) return;
      } catch (IOException notYetListening) {
        // the management port opens late in Quarkus' start; keep polling
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackStartException("Interrupted while waiting for the schema registry", e);
      }
      long elapsed = deadline.elapsed().getSeconds();
      if (elapsed >= nextProgress) {
        progress.accept("  still waiting for the registry (" + elapsed + " s)");
        nextProgress += 10;
      }
      deadline.pause();
    }
    throw new StackStartException(
        "Apicurio Registry "
            + StackVersions.APICURIO
            + " was not ready on "
            + ready
            + " within "
            + Deadline.seconds(deadline.timeout())
            + " ("
            + java
            + ", log "
            + logFile
            + "); raise the deadline with InventoryStack.builder().startupTimeout(...). Last"
            + " lines:\n"
            + logTail());
  }

  private boolean logMentionsBindFailure() {
    String tail = logTail();
    return tail.contains("Address already in use") || tail.contains("Port already bound");
  }

  String logTail() {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long length = file.length();
      long from = Math.max(0, length - 16 * 1024);
      byte[] bytes = new byte[(int) (length - from)];
      file.seek(from);
      file.readFully(bytes);
      List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
      return String.join(
          System.lineSeparator(),
          lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(could not read " + logFile + ": " + e + ")";
    }
  }

  /** Stops the process and every process it started: SIGTERM, then SIGKILL after a grace period. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
      for (ProcessHandle child : descendants) {
        child.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      descendants.forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** Writes the watchdog agent (one class and a manifest) into the run directory. */
  private static Path writeAgentJar(Path runDir) {
    Path jar = runDir.resolve("inventory-stack-watchdog.jar");
    String resource = ParentWatchdogAgent.class.getName().replace('.', '/') + ".class";
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest
        .getMainAttributes()
        .put(new Attributes.Name("Premain-Class"), ParentWatchdogAgent.class.getName());
    try (InputStream in = ParentWatchdogAgent.class.getClassLoader().getResourceAsStream(resource);
        OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      if (in == null) throw new IllegalStateException(resource + " is missing from the class path");
      JarOutputStream jarOut = (JarOutputStream) out;
      jarOut.putNextEntry(new JarEntry(resource));
      in.transferTo(jarOut);
      jarOut.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + jar, e);
    }
    return jar;
  }

  static List<String> jvmOptions(StackEnvironment environment) {
    return environment
        .property(JVM_OPTIONS_PROPERTY)
        .map(value -> List.of(value.trim().split("\\s+")))
        .orElse(DEFAULT_JVM_OPTIONS);
  }
}
