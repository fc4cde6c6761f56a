package io.inventory.events.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A Kafka cluster inside this JVM: one dedicated KRaft controller (node 0) and brokers with node
 * ids 1..n on free 127.0.0.1 ports, every topic with replication factor 3 and {@code
 * min.insync.replicas=2}. The controller is dedicated because brokers that are also controllers
 * lose the quorum when stopped one by one (a probe of three combined nodes hung for 300 s); here
 * brokers stop, halt and restart while the controller stays up. Closing halts every broker at once
 * (nothing needs handing over when all go) and then stops the controller.
 */
final class EmbeddedCluster implements KafkaBackend, BrokerControl {
  static final int CONTROLLER_ID = 0;
  private static final Duration CONTROLLED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  private final int controllerPort;
  private final Properties controllerConfig;
  private final List<ClusterBroker> brokers;
  private final Path dataDir;
  private final Duration restartTimeout;
  private KafkaRaftServer controller;
  private boolean closed;

  private EmbeddedCluster(
      int controllerPort, List<ClusterBroker> brokers, Path dataDir, Duration restartTimeout) {
    this.controllerPort = controllerPort;
    this.controllerConfig =
        KafkaServerConfig.clusterController(
            CONTROLLER_ID, controllerPort, dataDir.resolve("controller"));
    this.brokers = brokers;
    this.dataDir = dataDir;
    this.restartTimeout = restartTimeout;
  }

  /**
   * Formats and starts the controller and {@code brokerCount} brokers under {@code runDir},
   * returning once a client sees every broker and a group coordinator answers; retries on fresh
   * ports if one was taken meanwhile. A broker restarted later gets the same deadline length as
   * this start.
   */
  static EmbeddedCluster start(Path runDir, int brokerCount, Deadline deadline) {
    return start(runDir, brokerCount, deadline, Map.of());
  }

  /**
   * As {@link #start(Path, int, Deadline)}, with {@code extra} added to every broker's settings.
   */
  static EmbeddedCluster start(
      Path runDir, int brokerCount, Deadline deadline, Map<String, String> extra) {
    return LoopbackPorts.retryWhilePortTaken(
        attempt ->
            startOn(
                LoopbackPorts.pick(brokerCount + 1),
                runDir.resolve("kafka-cluster-" + attempt),
                deadline,
                extra));
  }

  private static EmbeddedCluster startOn(
      List<Integer> ports, Path dataDir, Deadline deadline, Map<String, String> extra) {
    String voters = KafkaServerConfig.voters(CONTROLLER_ID, ports.get(0));
    List<ClusterBroker> brokers = new ArrayList<>();
    for (int id = 1; id < ports.size(); id++) {
      brokers.add(
          new ClusterBroker(id, ports.get(id), voters, dataDir.resolve("broker-" + id), extra));
    }
    EmbeddedCluster cluster =
        new EmbeddedCluster(ports.get(0), brokers, dataDir, deadline.timeout());
    try {
      cluster.formatAll();
      cluster.startController();
      inParallel(brokers, broker -> broker.start(deadline));
      cluster.awaitReady(deadline);
      return cluster;
    } catch (RuntimeException e) {
      try {
        cluster.close();
      } catch (RuntimeException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      if (e instanceof StackStartException) throw e;
      throw new StackStartException(
          "The Kafka "
              + StackVersions.KAFKA
              + " cluster (a controller and "
              + brokers.size()
              + " brokers on "
              + ports
              + ", data in "
              + dataDir
              + ") did not start: "
              + e,
          e);
    }
  }

  private void formatAll() {
    String clusterId = Uuid.randomUuid().toString();
    KafkaStorage.format(controllerConfig, dataDir.resolve("controller"), clusterId);
    brokers.forEach(broker -> broker.format(clusterId));
  }

  private void startController() {
    controller = new KafkaRaftServer(new KafkaConfig(controllerConfig, false), Time.SYSTEM);
    controller.startup();
  }

  /** Until a client sees every broker and consumer groups work. */
  private void awaitReady(Deadline deadline) {
    String what = "The Kafka " + StackVersions.KAFKA + " cluster (data in " + dataDir + ")";
    try (KafkaTopics admin = new KafkaTopics(bootstrapServers())) {
      admin.awaitBrokers(deadline, what, brokers.size());
      admin.awaitGroupCoordinator(deadline, what);
    }
  }

  /** Every broker's address, whether it runs or not: a client needs only one to be up. */
  @Override
  public String bootstrapServers() {
    return brokers.stream().map(ClusterBroker::address).collect(Collectors.joining(","));
  }

  @Override
  public List<Integer> ports() {
    List<Integer> ports = new ArrayList<>(List.of(controllerPort));
    brokers.forEach(broker -> ports.add(broker.port()));
    return ports;
  }

  @Override
  public Optional<BrokerControl> brokerControl() {
    return Optional.of(this);
  }

  @Override
  public List<Integer> brokerIds() {
    return brokers.stream().map(ClusterBroker::id).toList();
  }

  @Override
  public boolean isRunning(int brokerId) {
    return broker(brokerId).isRunning();
  }

  @Override
  public synchronized void stopBroker(int brokerId) {
    running(brokerId).stop(CONTROLLED_SHUTDOWN_TIMEOUT);
  }

  @Override
  public synchronized void haltBroker(int brokerId) {
    running(brokerId).halt();
  }

  @Override
  public synchronized void restartBroker(int brokerId) {
    ClusterBroker broker = broker(brokerId);
    checkOpen();
    if (broker.isRunning()) {
      throw new IllegalStateException(
          "Broker " + brokerId + " is running: stop or halt it before restarting it");
    }
    broker.start(Deadline.after(restartTimeout));
  }

  /** The broker's data directory, for tests that look at its files. */
  Path dataDir(int brokerId) {
    return broker(brokerId).dataDir();
  }

  private ClusterBroker running(int brokerId) {
    ClusterBroker broker = broker(brokerId);
    checkOpen();
    if (!broker.isRunning()) {
      throw new IllegalStateException(
          "Broker "
              + brokerId
              + " is not running: restart it with restartBroker("
              + brokerId
              + ")");
    }
    return broker;
  }

  private ClusterBroker broker(int brokerId) {
    return brokers.stream()
        .filter(broker -> broker.id() == brokerId)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No broker " + brokerId + " in this cluster; its brokers are " + brokerIds()));
  }

  private void checkOpen() {
    if (closed) throw new IllegalStateException("This Kafka cluster is closed");
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      inParallel(brokers.stream().filter(ClusterBroker::isRunning).toList(), ClusterBroker::halt);
      if (controller != null) {
        controller.shutdown();
        controller.awaitShutdown();
      }
    } finally {
      WorkDirectory.delete(dataDir);
    }
  }

  @Override
  public String toString() {
    return "{controller "
        + LoopbackPorts.HOST
        + ":"
        + controllerPort
        + ", brokers "
        + brokerIds()
        + " at "
        + bootstrapServers()
        + "}";
  }

  /**
   * Runs the action on every broker at once (a broker's start blocks until the controller unfences
   * it) and throws the first failure, the others suppressed, once all have finished.
   */
  private static void inParallel(List<ClusterBroker> brokers, Consumer<ClusterBroker> action) {
    if (brokers.isEmpty()) return;
    ExecutorService threads =
        Executors.newFixedThreadPool(
            brokers.size(),
            task -> {
              Thread thread = new Thread(task, "inventory-stack-cluster");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<CompletableFuture<Void>> runs =
          brokers.stream()
              .map(broker -> CompletableFuture.runAsync(() -> action.accept(broker), threads))
              .toList();
      RuntimeException failure = null;
      for (CompletableFuture<Void> run : runs) {
        try {
          run.join();
        } catch (CompletionException e) {
          RuntimeException cause =
              e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
          if (failure == null) failure = cause;
          else failure.addSuppressed(cause);
        }
      }
      if (failure != null) throw failure;
    } finally {
      threads.shutdown();
    }
  }
}
